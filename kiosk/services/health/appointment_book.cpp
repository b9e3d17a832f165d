#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/booking_csv.h"

#include "kiosk/services/health/booking_calendar.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/notifications/message_recipients.h"
#include "kiosk/services/user_text.h"
#include "storage/write_failure.h"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <exception>
#include <functional>
#include <set>

namespace vk::services::health {
namespace {

using storage::AppointmentDetails;
using storage::AppointmentSource;
using storage::NewAppointment;

constexpr std::size_t kMaxCodeLength = 16;  // the schema's limit
constexpr std::size_t kGeneratedCodeLength = 6;
constexpr std::string_view kCodeAlphabet = "346789ACDEFGHJKMNPQRTUVWXY";

// ---- UTF-8 and the surname key ----

void appendKeyLetter(std::string& key, char32_t cp) {
    if (cp >= 'a' && cp <= 'z') {
        key += static_cast<char>(cp - 'a' + 'A');
    } else if (cp >= 'A' && cp <= 'Z') {
        key += static_cast<char>(cp);
    } else if (cp < 0xC0) {
        // Digits, ASCII punctuation (space, hyphen, apostrophe, dot), Latin-1 symbols and spaces: not letters.
    } else if (cp <= 0xFF) {
        key += latinBaseLetters(cp);
    } else if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFFFD) {
        // Combining accents (a name typed in decomposed form), typographic apostrophes and dashes, and what was
        // not text at all.
    } else if (const char* base = latinBaseLetters(cp)) {
        key += base;
    } else {
        appendUtf8(key, cp);  // another script: kept as typed
    }
}

std::string firstCodepoint(const std::string& text) {
    if (text.empty()) return {};
    std::size_t i = 0;
    decodeUtf8(text, i);
    return text.substr(0, i);
}

// ---- Dates ----

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Reads 1 to `maxDigits` digits at `i`; nullopt when there are none.
std::optional<int> readNumber(std::string_view text, std::size_t& i, std::size_t minDigits, std::size_t maxDigits) {
    int value = 0;
    std::size_t count = 0;
    while (i < text.size() && count < maxDigits && text[i] >= '0' && text[i] <= '9') {
        value = value * 10 + (text[i] - '0');
        ++i;
        ++count;
    }
    if (count < minDigits) return std::nullopt;
    return value;
}

std::string_view trimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string formatDay(int year, int month, int day) {
    // Room for any int: GCC cannot always see that the callers checked the ranges (-Wformat-truncation).
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

// Runs `work`; empty when it went through, otherwise why the database could not take it.
std::string databaseFailureOf(const std::function<void()>& work) {
    try {
        work();
        return {};
    } catch (const std::exception& e) {
        return storage::describeWriteFailure(e) + "; nothing was imported";
    }
}

// A value quoted back to staff in an import report: cleaned and short.
std::string quoteForReport(std::string_view value) { return "« " + cleanUserText(value, 24) + " »"; }

// CSV rows that carry a booking id are one scope, whatever file they came in: the file's days bound what it may
// cancel.
constexpr const char* kCsvWithIdsFeed = "csv";

// A feed is told from another by its address, stored only as a hash: a private feed's address carries a token.
std::string feedTag(const std::string& address) {
    static const bool sodiumReady = sodium_init() >= 0;
    (void)sodiumReady;
    unsigned char digest[8];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(address.data()), address.size(),
                       nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string("ical-") + hex;
}

std::string describeMoment(std::int64_t ms) { return localDay(ms) + " " + localTime(ms); }

// ---- Contact and consent columns of the booking tool's export ----

bool isEmailHeader(const std::string& key) {
    return key == "EMAIL" || key == "MAIL" || key == "COURRIEL" || key == "ADRESSEMAIL" || key == "EMAILADDRESS";
}

bool isConsentHeader(const std::string& key) {
    return key == "RAPPELS" || key == "RAPPEL" || key == "RAPPELSMS" || key == "CONSENTEMENT" ||
           key == "CONSENTEMENTRAPPELS" || key == "REMINDERS" || key == "REMINDER" || key == "CONSENT";
}

// The named columns, found by the header's words anywhere after the sixth; the others keep their order.
struct CsvColumns {
    std::optional<std::size_t> email;
    std::optional<std::size_t> consent;

    // The fields after the sixth that are neither named column: the code, then the booking id.
    std::vector<std::string> positional(const std::vector<std::string>& fields) const {
        std::vector<std::string> rest;
        for (std::size_t i = 6; i < fields.size(); ++i)
            if (i != email && i != consent) rest.push_back(fields[i]);
        return rest;
    }
    std::string field(const std::vector<std::string>& fields, std::optional<std::size_t> column) const {
        return column && *column < fields.size() ? fields[*column] : std::string();
    }
};

CsvColumns csvColumnsOf(const std::vector<CsvRecord>& records) {
    CsvColumns columns;
    if (records.empty()) return columns;
    const auto& header = records.front().fields;
    for (std::size_t i = 6; i < header.size(); ++i) {
        const std::string key = surnameKey(header[i]);
        if (!columns.email && isEmailHeader(key)) columns.email = i;
        if (!columns.consent && isConsentHeader(key)) columns.consent = i;
    }
    return columns;
}

}  // namespace

std::optional<bool> readReminderConsent(std::string_view written, bool& understood) {
    const std::string text = cleanUserText(written, 24);
    understood = true;
    if (text.empty()) return std::nullopt;
    if (text == "1") return true;
    if (text == "0") return false;
    const std::string key = surnameKey(text);
    for (const char* yes : {"OUI", "O", "YES", "Y", "X", "VRAI", "TRUE", "ACCEPTE", "ACCEPTEE"})
        if (key == yes) return true;
    for (const char* no : {"NON", "N", "NO", "FAUX", "FALSE", "REFUSE", "REFUSEE"})
        if (key == no) return false;
    understood = false;
    return std::nullopt;
}

// ---- Shared rules ----

bool isAllowedTransition(AppointmentStatus from, AppointmentStatus to) {
    using S = AppointmentStatus;
    switch (from) {
    case S::Booked:
        return to == S::Arrived || to == S::Cancelled || to == S::NoShow;
    case S::Arrived:
        return to == S::InConsultation || to == S::NoShow || to == S::Cancelled;
    case S::InConsultation:
        return to == S::Done || to == S::Arrived;
    case S::Done:
    case S::NoShow:
    case S::Cancelled:
        return false;
    }
    return false;
}

AuditValues appointmentAuditValues(const Appointment& appointment) {
    AuditValues values{{"time_at", std::to_string(appointment.startsAt)}};
    if (appointment.ticket) values["ticket"] = *appointment.ticket;
    return values;
}

bool mayManageAppointments(const StaffSession* actor) {
    return actor != nullptr && (actor->role == StaffRole::MedicalAssistant || actor->role == StaffRole::Admin);
}

std::string surnameKey(std::string_view name) {
    const std::string clean = cleanUserText(name, 4 * AppointmentBook::kMaxNameLength);
    std::string key;
    std::size_t i = 0;
    while (i < clean.size()) appendKeyLetter(key, decodeUtf8(clean, i));
    return key;
}

std::string initials(std::string_view givenName, std::string_view surname) {
    const std::string given = firstCodepoint(surnameKey(givenName));
    const std::string family = firstCodepoint(surnameKey(surname));
    std::string text;
    if (!given.empty()) text += given + ".";
    if (!family.empty()) text += (text.empty() ? "" : " ") + family + ".";
    return text;
}

std::optional<std::string> parseBookingDay(std::string_view text) {
    text = trimSpaces(text);
    std::size_t i = 0;
    std::optional<int> year;
    std::optional<int> month;
    std::optional<int> day;
    if (text.size() >= 5 && text[4] == '-') {
        year = readNumber(text, i, 4, 4);
        if (!year || i >= text.size() || text[i++] != '-') return std::nullopt;
        month = readNumber(text, i, 1, 2);
        if (!month || i >= text.size() || text[i++] != '-') return std::nullopt;
        day = readNumber(text, i, 1, 2);
    } else {
        day = readNumber(text, i, 1, 2);
        if (!day || i >= text.size() || text[i++] != '/') return std::nullopt;
        month = readNumber(text, i, 1, 2);
        if (!month || i >= text.size() || text[i++] != '/') return std::nullopt;
        year = readNumber(text, i, 4, 4);
    }
    if (!year || !month || !day || i != text.size()) return std::nullopt;
    if (*year < 1900 || *year > 2199 || *month < 1 || *month > 12 || *day < 1 || *day > daysInMonth(*year, *month))
        return std::nullopt;
    return formatDay(*year, *month, *day);
}

std::optional<std::string> parseBookingTime(std::string_view text) {
    text = trimSpaces(text);
    std::size_t i = 0;
    const auto hours = readNumber(text, i, 1, 2);
    if (!hours || i >= text.size() || (text[i] != ':' && text[i] != 'h' && text[i] != 'H')) return std::nullopt;
    ++i;
    const auto minutes = readNumber(text, i, 2, 2);
    if (!minutes) return std::nullopt;
    if (i < text.size()) {  // seconds, as some exports write them, must be ":00"
        if (text[i++] != ':') return std::nullopt;
        const auto seconds = readNumber(text, i, 2, 2);
        if (!seconds || *seconds != 0 || i != text.size()) return std::nullopt;
    }
    if (*hours > 23 || *minutes > 59) return std::nullopt;
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", *hours, *minutes);
    return clock;
}

DayRange localDayRange(const std::string& day) {
    return {localToUnixMs(day, "00:00").value_or(0), localToUnixMs(addDays(day, 1), "00:00").value_or(0)};
}

std::string normalizeCode(std::string_view typed) {
    std::string code;
    for (const char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return code;
}

bool isValidCode(std::string_view normalized) {
    if (normalized.size() < 4 || normalized.size() > kMaxCodeLength) return false;
    for (const char c : normalized)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

// ---- The book ----

struct AppointmentBook::Validated {
    AppointmentDetails details;
    std::string day;
    std::string time;
    bool codeGiven = false;
    std::optional<bool> consent;     // nothing: not said
    std::vector<std::string> notes;  // on import: what was left out and why
};

struct AppointmentBook::SourceRow {
    int line = 0;
    std::string key;  // the source's own id
    Validated valid;
    bool cancelledThere = false;
};

AppointmentBook::AppointmentBook(storage::Database& db, const Clock& clock, StaffService& staff)
    : store_(db), clock_(clock), staff_(staff) {}

std::optional<AppointmentChange> AppointmentBook::refuseUnlessAllowed(const StaffSession* actor, const char* action) {
    if (mayManageAppointments(actor)) return std::nullopt;
    staff_.audit(actor, "health.refused", {{"attempt_key", std::string("audit.attempt.") + action}});
    return AppointmentChange(HealthError::NotAllowed);
}

std::optional<HealthError> AppointmentBook::validate(const AppointmentInput& input, Validated& out, bool forImport) {
    AppointmentDetails& d = out.details;
    d.surname = cleanUserText(input.surname, kMaxNameLength);
    d.surnameKey = surnameKey(d.surname);
    if (d.surnameKey.empty()) return HealthError::NameInvalid;
    d.givenName = cleanUserText(input.givenName, kMaxNameLength);

    const auto day = parseBookingDay(cleanUserText(input.day, 32));
    if (!day) return HealthError::DateInvalid;
    const auto time = parseBookingTime(cleanUserText(input.time, 32));
    if (!time) return HealthError::TimeInvalid;
    const auto startsAt = localToUnixMs(*day, *time);
    if (!startsAt) return HealthError::TimeInvalid;
    out.day = *day;
    out.time = *time;
    d.startsAt = *startsAt;

    const std::string birth = cleanUserText(input.birthDate, 32);
    if (!birth.empty()) {
        d.birthDate = parseBookingDay(birth);
        // Nobody is born after their appointment: such a date is a typing error, not a patient.
        if (!d.birthDate || *d.birthDate > *day) return HealthError::BirthDateInvalid;
    }
    const std::string phone = cleanUserText(input.phone, kMaxPhoneLength);
    if (!phone.empty()) {
        if (notifications::smsNumber(phone))
            d.phone = phone;
        else if (forImport)
            out.notes.push_back("the phone " + quoteForReport(phone) + " is not a phone number; it was left out");
        else
            return HealthError::PhoneInvalid;
    }
    // The address as given, not cleaned: a line break in it is a refusal, never something to tidy away.
    if (!cleanUserText(input.email, kMaxEmailLength).empty()) {
        if (const auto email = notifications::emailAddress(input.email))
            d.email = email;
        else if (forImport)
            out.notes.push_back("the e-mail " + quoteForReport(input.email) + " is not an address; it was left out");
        else
            return HealthError::EmailInvalid;
    }
    out.consent = input.reminderConsent;
    if (!forImport && out.consent.value_or(false) && !d.phone && !d.email) return HealthError::NoAddressForMessages;

    const std::string code = normalizeCode(cleanUserText(input.code, 64));
    if (!code.empty()) {
        if (!isValidCode(code)) return HealthError::CodeInvalid;
        d.code = code;
        out.codeGiven = true;
    }
    return std::nullopt;
}

std::optional<std::string> AppointmentBook::newCode() {
    // 26^6 codes for a few thousand live appointments: a clash is rare, and a few draws always find a free one.
    for (int attempt = 0; attempt < 32; ++attempt) {
        std::string code;
        for (std::size_t k = 0; k < kGeneratedCodeLength; ++k)
            code += kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))];
        if (!store_.findByCode(code)) return code;
    }
    return std::nullopt;
}

AppointmentChange AppointmentBook::add(const StaffSession* actor, const AppointmentInput& input) {
    if (auto refused = refuseUnlessAllowed(actor, "add_appointment")) return *refused;
    Validated valid;
    if (const auto error = validate(input, valid)) return {*error};
    if (valid.codeGiven) {
        if (store_.findByCode(*valid.details.code)) return {HealthError::CodeInUse};
    } else {
        valid.details.code = newCode();
    }
    Appointment appointment;
    staff_.inTransaction([&] {
        appointment = store_.insert({valid.details, false, storage::AppointmentSource::Staff, std::nullopt, std::nullopt,
                                     valid.consent.value_or(false)},
                                    clock_.nowMs());
        staff_.audit(actor, "health.appointment.add", appointmentAuditValues(appointment));
    });
    return {HealthError::None, appointment};
}

std::optional<AppointmentChange> AppointmentBook::refuseUnlessOpen(const StaffSession* actor,
                                                                 const std::string& appointmentId, const char* action,
                                                                 std::optional<Appointment>& existing) {
    if (auto refused = refuseUnlessAllowed(actor, action)) return refused;
    existing = store_.find(appointmentId);
    if (!existing) return AppointmentChange(HealthError::NotFound);
    if (existing->status != AppointmentStatus::Booked && existing->status != AppointmentStatus::Arrived)
        return AppointmentChange(HealthError::Closed, existing);
    return std::nullopt;
}

AppointmentChange AppointmentBook::edit(const StaffSession* actor, const std::string& appointmentId,
                                        const AppointmentInput& input) {
    std::optional<Appointment> existing;
    if (auto refused = refuseUnlessOpen(actor, appointmentId, "edit_appointment", existing)) return *refused;
    Validated valid;
    if (const auto error = validate(input, valid)) return {*error};
    if (valid.codeGiven) {
        const auto holder = store_.findByCode(*valid.details.code);
        if (holder && holder->id != appointmentId) return {HealthError::CodeInUse};
    } else {
        valid.details.code = existing->code;
    }
    valid.details.email = existing->email;
    staff_.inTransaction([&] {
        store_.updateDetails(appointmentId, valid.details, clock_.nowMs());
        staff_.audit(actor, "health.appointment.edit", appointmentAuditValues(*existing));
    });
    return {HealthError::None, store_.find(appointmentId)};
}

AppointmentChange AppointmentBook::cancel(const StaffSession* actor, const std::string& appointmentId) {
    if (auto refused = refuseUnlessAllowed(actor, "cancel_appointment")) return *refused;
    const auto existing = store_.find(appointmentId);
    if (!existing) return {HealthError::NotFound};
    if (!isAllowedTransition(existing->status, AppointmentStatus::Cancelled))
        return {HealthError::TransitionRefused, existing, existing->status, AppointmentStatus::Cancelled};
    bool cancelled = false;
    staff_.inTransaction([&] {
        cancelled = store_.changeStatus(appointmentId, existing->status, AppointmentStatus::Cancelled, clock_.nowMs());
        if (cancelled)
            staff_.audit(actor, "health.appointment.cancel", appointmentAuditValues(*existing));
    });
    if (!cancelled)
        return {HealthError::TransitionRefused, store_.find(appointmentId), existing->status,
                AppointmentStatus::Cancelled};
    return {HealthError::None, store_.find(appointmentId)};
}

AppointmentChange AppointmentBook::setContact(const StaffSession* actor, const std::string& appointmentId,
                                              const ContactInput& input) {
    std::optional<Appointment> existing;
    if (auto refused = refuseUnlessOpen(actor, appointmentId, "edit_appointment", existing)) return *refused;
    AppointmentInput contact;
    contact.phone = input.phone;
    contact.email = input.email;
    contact.reminderConsent = input.reminderConsent;
    Validated valid;
    // The day, time and name are the appointment's own: only the contact is checked here.
    contact.day = localDay(existing->startsAt);
    contact.time = localTime(existing->startsAt);
    contact.surname = existing->surname;
    if (const auto error = validate(contact, valid)) return {*error};
    staff_.inTransaction([&] {
        store_.setContact(appointmentId, valid.details.phone, valid.details.email, input.reminderConsent, clock_.nowMs());
        AuditValues values = appointmentAuditValues(*existing);
        values["consent_key"] = input.reminderConsent ? "audit.reminder_consent.yes" : "audit.reminder_consent.no";
        staff_.audit(actor, "health.appointment.contact", values);
    });
    return {HealthError::None, store_.find(appointmentId)};
}

void AppointmentBook::mergeContact(const Appointment& existing, const Validated& valid, AppointmentDetails& merged) {
    if (!valid.details.phone) merged.phone = existing.phone;
    if (!valid.details.email) merged.email = existing.email;
}

void AppointmentBook::applySourceConsent(const Appointment& existing, const Validated& valid, std::int64_t now) {
    if (valid.consent && *valid.consent != existing.reminderConsent)
        store_.setReminderConsent(existing.id, *valid.consent, now);
}

std::optional<Appointment> AppointmentBook::find(const std::string& appointmentId) { return store_.find(appointmentId); }

std::vector<Appointment> AppointmentBook::day(const std::string& day) {
    const auto valid = parseBookingDay(day);
    if (!valid) return {};
    const DayRange range = localDayRange(*valid);
    return store_.startingBetween(range.fromMs, range.toMs);
}

ImportReport AppointmentBook::importCsv(const StaffSession* actor, std::string_view csvText) {
    ImportReport report;
    if (refuseUnlessAllowed(actor, "import appointments")) {
        report.error = HealthError::NotAllowed;
        return report;
    }
    const std::vector<CsvRecord> records = parseCsv(csvText);
    const CsvColumns columns = csvColumnsOf(records);
    const std::int64_t now = clock_.nowMs();
    std::set<std::string> seenIds;
    std::optional<std::string> fileFirstDay;
    std::optional<std::string> fileLastDay;
    const auto problem = [&](int line, std::string reason) { report.problems.push_back({line, std::move(reason)}); };

    // A full disk, a busy or failing database stops the whole import and rolls it back: with SQLITE_FULL or an I/O
    // error SQLite may already have ended the transaction, and rows written after that would stay half an import.
    report.failure = databaseFailureOf([&] { store_.inTransaction([&] {
        // The first record is the header: its names vary with the tool's language, so columns go by position.
        for (std::size_t r = 1; r < records.size(); ++r) {
            const CsvRecord& record = records[r];
            if (record.unterminated) {
                problem(record.line, "a quoted field is never closed; the rest of the file was not read");
                continue;
            }
            if (record.fields.size() < 6) {
                problem(record.line, "expected at least 6 columns (date, time, surname, given name, birth date, "
                                     "phone), found " + std::to_string(record.fields.size()));
                continue;
            }
            const auto& f = record.fields;
            const std::vector<std::string> rest = columns.positional(f);
            const std::string code = rest.empty() ? std::string() : rest[0];
            AppointmentInput input{f[0], f[1], f[2], f[3], f[4], f[5], code, columns.field(f, columns.email)};
            bool consentUnderstood = true;
            input.reminderConsent = readReminderConsent(columns.field(f, columns.consent), consentUnderstood);
            Validated valid;
            if (const auto error = validate(input, valid, true)) {
                switch (*error) {
                case HealthError::NameInvalid: problem(record.line, "the surname is empty"); break;
                case HealthError::DateInvalid:
                    problem(record.line, "the date " + quoteForReport(f[0]) + " is not a date (YYYY-MM-DD or DD/MM/YYYY)");
                    break;
                case HealthError::TimeInvalid:
                    problem(record.line, "the time " + quoteForReport(f[1]) + " is not a time (HH:MM)");
                    break;
                case HealthError::BirthDateInvalid:
                    problem(record.line, "the birth date is not a date (YYYY-MM-DD or DD/MM/YYYY)");
                    break;
                case HealthError::CodeInvalid:
                    problem(record.line, "the code " + quoteForReport(code) + " is not 4 to 16 letters or digits");
                    break;
                default: problem(record.line, "the row is not valid"); break;
                }
                continue;
            }
            if (!consentUnderstood)
                valid.notes.push_back("the consent " + quoteForReport(columns.field(f, columns.consent)) +
                                      " is neither oui nor non; it was left out");
            for (const std::string& note : valid.notes) report.notes.push_back({record.line, note});
            const std::string bookingId = rest.size() > 1 ? cleanUserText(rest[1], 200) : std::string();
            if (!bookingId.empty()) {
                if (!seenIds.insert(bookingId).second) {
                    problem(record.line, "the booking id " + quoteForReport(bookingId) + " appears twice in the file");
                    continue;
                }
                SourceRow row{record.line, bookingId, valid, false};
                if (!fileFirstDay || valid.day < *fileFirstDay) fileFirstDay = valid.day;
                if (!fileLastDay || valid.day > *fileLastDay) fileLastDay = valid.day;
                try {
                    reconcileRow(actor, AppointmentSource::Csv, kCsvWithIdsFeed, row, report, now);
                } catch (const std::exception& e) {
                    if (storage::classifyWriteFailure(e) != storage::WriteFailure::Refused) throw;
                    problem(record.line, "the row could not be stored: " + storage::describeWriteFailure(e));
                }
                continue;
            }
            const std::string key = valid.day + " " + valid.time + "|" + valid.details.surnameKey + "|" +
                                    valid.details.birthDate.value_or("");
            try {
                const auto existing = store_.findBySource(AppointmentSource::Csv, key);
                if (valid.codeGiven) {
                    const auto holder = store_.findByCode(*valid.details.code);
                    if (holder && (!existing || holder->id != existing->id)) {
                        problem(record.line, "the code " + quoteForReport(*valid.details.code) +
                                                 " is already used by another appointment");
                        continue;
                    }
                }
                if (!existing) {
                    if (!valid.codeGiven) valid.details.code = newCode();
                    store_.insert({valid.details, false, AppointmentSource::Csv, key, std::nullopt,
                                   valid.consent.value_or(false)},
                                  now);
                    ++report.added;
                    continue;
                }
                // Once the patient is in the waiting room (or the appointment is cancelled, done), the file has
                // nothing left to say about it. The time stays as it is in the book: staff may have moved it.
                AppointmentDetails merged = valid.details;
                merged.startsAt = existing->startsAt;
                merged.birthDate = existing->birthDate;
                if (!valid.codeGiven) merged.code = existing->code;
                mergeContact(*existing, valid, merged);
                const bool same = merged.surname == existing->surname && merged.givenName == existing->givenName &&
                                  merged.phone == existing->phone && merged.code == existing->code &&
                                  merged.email == existing->email &&
                                  valid.consent.value_or(existing->reminderConsent) == existing->reminderConsent;
                if (existing->status != AppointmentStatus::Booked || same) {
                    ++report.unchanged;
                    continue;
                }
                store_.updateDetails(existing->id, merged, now);
                applySourceConsent(*existing, valid, now);
                ++report.updated;
            } catch (const std::exception& e) {
                // Only a value the schema refuses belongs to this row; anything else is the database's, for all.
                if (storage::classifyWriteFailure(e) != storage::WriteFailure::Refused) throw;
                problem(record.line, "the row could not be stored: " + storage::describeWriteFailure(e));
            }
        }
        // A booking with an id that the file no longer lists, on one of the file's days and not begun yet, was
        // removed in the tool. A file without ids says nothing about what it does not list.
        if (fileFirstDay) {
            const std::int64_t until = localDayRange(*fileLastDay).toMs;
            const std::int64_t from = std::max(now, localDayRange(*fileFirstDay).fromMs);
            for (const Appointment& known : store_.fromSource(AppointmentSource::Csv, std::string(kCsvWithIdsFeed), from)) {
                if (known.startsAt >= until || seenIds.count(known.sourceKey.value_or("")) != 0) continue;
                cancelFromSource(actor, known, 0, report, now);
            }
        }
        // In the same transaction: an import is never stored without its audit line, nor audited but lost.
        staff_.audit(actor, "health.import",
                     {{"source_key", "audit.import_source.file"},
                      {"added", std::to_string(report.added)},
                      {"updated", std::to_string(report.updated + report.moved.size())},
                      {"cancelled", std::to_string(report.cancelled.size())},
                      {"unmatched", std::to_string(report.unmatched.size() + report.problems.size())}});
    }); });
    if (!report.failure.empty()) {
        report.added = report.updated = report.unchanged = 0;
        report.notes.clear();
        report.moved.clear();
        report.cancelled.clear();
        report.unmatched.clear();
    }
    return report;
}

void AppointmentBook::cancelFromSource(const StaffSession* actor, const Appointment& appointment, int line,
                                       ImportReport& report, std::int64_t now) {
    const std::string id = appointment.sourceKey.value_or("");
    switch (appointment.status) {
    case AppointmentStatus::Booked:
        if (store_.changeStatus(appointment.id, AppointmentStatus::Booked, AppointmentStatus::Cancelled, now)) {
            report.cancelled.push_back({appointment.id, initials(appointment.givenName, appointment.surname),
                                        appointment.startsAt});
            staff_.audit(actor, "health.appointment.cancel_from_source", appointmentAuditValues(appointment));
        }
        return;
    case AppointmentStatus::Arrived:
    case AppointmentStatus::InConsultation:
        report.unmatched.push_back({line, id, "cancelled in the booking tool, but the patient (" +
                                                  initials(appointment.givenName, appointment.surname) + ", " +
                                                  describeMoment(appointment.startsAt) +
                                                  ") has already checked in; left as it is"});
        return;
    default: return;  // done, no-show, cancelled: nothing left to change
    }
}

void AppointmentBook::reconcileRow(const StaffSession* actor, AppointmentSource source, const std::string& feed,
                                   SourceRow& row, ImportReport& report, std::int64_t now) {
    Validated& valid = row.valid;
    const auto existing = store_.findBySource(source, row.key);
    if (valid.codeGiven) {
        const auto holder = store_.findByCode(*valid.details.code);
        if (holder && (!existing || holder->id != existing->id)) {
            report.problems.push_back({row.line, "the code " + quoteForReport(*valid.details.code) +
                                                     " is already used by another appointment"});
            return;
        }
    }
    if (!existing) {
        if (row.cancelledThere) return;  // cancelled before this kiosk ever saw it
        if (!valid.codeGiven) valid.details.code = newCode();
        store_.insert({valid.details, false, source, row.key, feed, valid.consent.value_or(false)}, now);
        ++report.added;
        return;
    }
    if (row.cancelledThere) {
        cancelFromSource(actor, *existing, row.line, report, now);
        return;
    }
    const std::int64_t sourceWas = existing->sourceStartsAt.value_or(existing->startsAt);
    AppointmentDetails merged = valid.details;
    merged.startsAt = existing->startsAt;
    merged.birthDate = valid.details.birthDate ? valid.details.birthDate : existing->birthDate;
    if (!valid.codeGiven) merged.code = existing->code;
    mergeContact(*existing, valid, merged);
    bool moved = false;
    if (valid.details.startsAt != sourceWas) {
        // Moved in the tool. A time corrected at the desk is kept as long as the tool's own time stays the same.
        if (existing->status == AppointmentStatus::Booked) {
            merged.startsAt = valid.details.startsAt;
            moved = true;
        } else if (existing->status == AppointmentStatus::Arrived ||
                   existing->status == AppointmentStatus::InConsultation) {
            report.unmatched.push_back({row.line, row.key, "moved in the booking tool to " +
                                                               describeMoment(valid.details.startsAt) +
                                                               ", but the patient has already checked in; left as it is"});
        }
        store_.setSourceStartsAt(existing->id, valid.details.startsAt, now);
    }
    const bool same = merged.startsAt == existing->startsAt && merged.surname == existing->surname &&
                      merged.givenName == existing->givenName && merged.phone == existing->phone &&
                      merged.code == existing->code && merged.birthDate == existing->birthDate &&
                      merged.email == existing->email &&
                      valid.consent.value_or(existing->reminderConsent) == existing->reminderConsent;
    if (existing->status != AppointmentStatus::Booked || same) {
        ++report.unchanged;
        return;
    }
    store_.updateDetails(existing->id, merged, now);
    applySourceConsent(*existing, valid, now);
    if (moved) {
        report.moved.push_back({existing->id, initials(merged.givenName, merged.surname), existing->startsAt,
                                merged.startsAt});
        staff_.audit(actor, "health.appointment.move", appointmentAuditValues(*existing));
    } else {
        ++report.updated;
    }
}

ImportReport AppointmentBook::importBookingFeed(const StaffSession* actor, std::string_view icsText,
                                                const std::string& feedAddress, const std::string& localTimeZone) {
    ImportReport report;
    if (refuseUnlessAllowed(actor, "import appointments")) {
        report.error = HealthError::NotAllowed;
        return report;
    }
    BookingCalendarResult parsed = parseBookingCalendar(icsText, localTimeZone);
    if (!parsed.ok) {
        report.failure = parsed.error;
        return report;
    }
    for (const SkippedBooking& skipped : parsed.skipped)
        report.problems.push_back({0, (skipped.uid.empty() ? "" : skipped.uid + ": ") + skipped.reason});
    const std::string feed = feedTag(feedAddress);
    const std::int64_t now = clock_.nowMs();
    report.failure = databaseFailureOf([&] { store_.inTransaction([&] {
        std::set<std::string> listed;
        for (const ImportedBooking& booking : parsed.bookings) {
            listed.insert(booking.uid);
            AppointmentInput input{localDay(booking.startsAtMs), localTime(booking.startsAtMs), booking.surname,
                                   booking.givenName, booking.birthDate, booking.phone, booking.code, booking.email};
            // Only a line that says yes is a yes: an attendee's address or a phone in the description is not.
            bool consentUnderstood = true;
            input.reminderConsent = readReminderConsent(booking.reminderConsent, consentUnderstood);
            SourceRow row;
            row.key = booking.uid;
            row.cancelledThere = booking.cancelled;
            if (const auto error = validate(input, row.valid, true)) {
                if (booking.cancelled) {
                    // Only the id matters to cancel: the name may be gone from a cancelled event.
                    if (const auto known = store_.findBySource(AppointmentSource::Ical, booking.uid))
                        cancelFromSource(actor, *known, 0, report, now);
                    continue;
                }
                const char* why = *error == HealthError::NameInvalid        ? "no patient's name"
                                  : *error == HealthError::BirthDateInvalid ? "the birth date is not a date"
                                  : *error == HealthError::CodeInvalid      ? "the code is not 4 to 16 letters or digits"
                                                                            : "its time could not be read";
                report.problems.push_back({0, booking.uid + ": " + why});
                continue;
            }
            if (!consentUnderstood)
                row.valid.notes.push_back("the consent " + quoteForReport(booking.reminderConsent) +
                                          " is neither oui nor non; it was left out");
            for (const std::string& note : row.valid.notes) report.notes.push_back({0, booking.uid + ": " + note});
            try {
                reconcileRow(actor, AppointmentSource::Ical, feed, row, report, now);
            } catch (const std::exception& e) {
                if (storage::classifyWriteFailure(e) != storage::WriteFailure::Refused) throw;
                report.problems.push_back({0, booking.uid + ": it could not be stored: " + storage::describeWriteFailure(e)});
            }
        }
        // No longer in the feed: removed in the tool. Only bookings still to come: feeds drop past days.
        for (const Appointment& known : store_.fromSource(AppointmentSource::Ical, feed, now)) {
            if (listed.count(known.sourceKey.value_or("")) == 0) cancelFromSource(actor, known, 0, report, now);
        }
        staff_.audit(actor, "health.import",
                     {{"source_key", "audit.import_source.feed"},
                      {"added", std::to_string(report.added)},
                      {"updated", std::to_string(report.updated + report.moved.size())},
                      {"cancelled", std::to_string(report.cancelled.size())},
                      {"unmatched", std::to_string(report.unmatched.size() + report.problems.size())}});
    }); });
    if (!report.failure.empty()) {
        report.added = report.updated = report.unchanged = 0;
        report.notes.clear();
        report.moved.clear();
        report.cancelled.clear();
        report.unmatched.clear();
    }
    return report;
}

}  // namespace vk::services::health
