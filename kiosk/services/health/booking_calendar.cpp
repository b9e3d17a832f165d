#include "kiosk/services/health/booking_calendar.h"

#include "kiosk/services/health/ical_zones.h"
#include "kiosk/services/ical/ical_feed.h"
#include "kiosk/services/user_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <set>

namespace vk::services::health {
namespace {

constexpr std::size_t kMaxFeedBytes = 16 * 1024 * 1024;
constexpr std::size_t kMaxBookings = 20'000;
constexpr std::size_t kMaxSkippedReports = 200;
constexpr std::size_t kUidBytes = 200;

struct ComponentDeleter {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

const char* textProperty(icalcomponent* event, icalproperty_kind kind) {
    icalproperty* property = icalcomponent_get_first_property(event, kind);
    if (property == nullptr) return nullptr;
    const icalvalue* value = icalproperty_get_value(property);
    if (value == nullptr || icalvalue_isa(value) != ICAL_TEXT_VALUE) return nullptr;
    return icalvalue_get_text(value);
}

std::string_view trimmed(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

// Lower case ASCII, accents of the few French labels folded (é → e), for comparing a label.
std::string labelKey(std::string_view label) {
    std::string out;
    for (std::size_t i = 0; i < label.size(); ++i) {
        const auto c = static_cast<unsigned char>(label[i]);
        if (c == 0xC3 && i + 1 < label.size()) {
            const auto next = static_cast<unsigned char>(label[++i]);
            if (next == 0xA9 || next == 0xA8 || next == 0x89) out += 'e';  // é è É
            continue;
        }
        if (std::isalpha(c) != 0) out += static_cast<char>(std::tolower(c));
    }
    return out;
}

enum class Field { None, Surname, GivenName, BirthDate, Phone, Email, Code, Consent };

Field fieldOf(std::string_view label) {
    static const std::array<std::pair<std::string_view, Field>, 22> kLabels{{
        {"nom", Field::Surname},
        {"nomdefamille", Field::Surname},
        {"surname", Field::Surname},
        {"lastname", Field::Surname},
        {"familyname", Field::Surname},
        {"prenom", Field::GivenName},
        {"firstname", Field::GivenName},
        {"givenname", Field::GivenName},
        {"datedenaissance", Field::BirthDate},
        {"nele", Field::BirthDate},
        {"neele", Field::BirthDate},
        {"naissance", Field::BirthDate},
        {"birthdate", Field::BirthDate},
        {"dateofbirth", Field::BirthDate},
        {"telephone", Field::Phone},
        {"tel", Field::Phone},
        {"portable", Field::Phone},
        {"phone", Field::Phone},
        {"mobile", Field::Phone},
        {"email", Field::Email},
        {"courriel", Field::Email},
        {"code", Field::Code},
    }};
    const std::string key = labelKey(label);
    for (const auto& [name, field] : kLabels)
        if (key == name) return field;
    if (key == "mail" || key == "adressemail") return Field::Email;
    if (key == "codederendezvous" || key == "coderdv") return Field::Code;
    for (const std::string_view consent : {"rappels", "rappel", "rappelsms", "consentement", "consentementrappels",
                                           "reminders", "reminder", "consent"})
        if (key == consent) return Field::Consent;
    return Field::None;
}

// « Nom : Dupont » lines; anything else in the description, the reason of the visit first, is not read.
void readDescription(std::string_view description, ImportedBooking& booking) {
    while (!description.empty()) {
        std::size_t end = description.find_first_of("\r\n");
        if (end == std::string_view::npos) end = description.size();
        const std::string_view line = description.substr(0, end);
        description.remove_prefix(std::min(end + 1, description.size()));
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon > 40) continue;
        const std::string value = cleanUserText(trimmed(line.substr(colon + 1)), 200);
        switch (fieldOf(line.substr(0, colon))) {
        case Field::Surname: booking.surname = value; break;
        case Field::GivenName: booking.givenName = value; break;
        case Field::BirthDate: booking.birthDate = value; break;
        case Field::Phone: booking.phone = value; break;
        case Field::Email: booking.email = value; break;
        case Field::Code: booking.code = value; break;
        case Field::Consent: booking.reminderConsent = value; break;
        case Field::None: break;
        }
    }
}

std::string_view mailtoOf(const char* calAddress) {
    if (calAddress == nullptr) return {};
    std::string_view address(calAddress);
    if (address.size() < 7 || labelKey(address.substr(0, 7)) != "mailto") return {};
    return address.substr(7);
}

// The patient's address when the description gives none: an attendee other than the practitioner who organises.
void readAttendees(icalcomponent* event, ImportedBooking& booking) {
    if (!booking.email.empty()) return;
    std::string_view organizer;
    if (icalproperty* property = icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY))
        organizer = mailtoOf(icalproperty_get_organizer(property));
    for (icalproperty* property = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY); property != nullptr;
         property = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY)) {
        const std::string_view address = mailtoOf(icalproperty_get_attendee(property));
        const bool isOrganizer = std::equal(address.begin(), address.end(), organizer.begin(), organizer.end(),
                                            [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                                        std::tolower(static_cast<unsigned char>(b)); });
        if (address.empty() || isOrganizer) continue;
        booking.email = cleanUserText(address, 254);
        return;
    }
}

bool isCapitalWord(std::string_view word) {
    int letters = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const auto c = static_cast<unsigned char>(word[i]);
        if (c >= 'a' && c <= 'z') return false;
        if (c == 0xC3 && i + 1 < word.size() && static_cast<unsigned char>(word[i + 1]) >= 0xA0) return false;
        if ((c >= 'A' && c <= 'Z') || c >= 0x80) ++letters;
    }
    return letters >= 2;
}

std::vector<std::string_view> wordsOf(std::string_view text) {
    std::vector<std::string_view> words;
    while (!(text = trimmed(text)).empty()) {
        const std::size_t space = text.find(' ');
        words.push_back(text.substr(0, space));
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
    }
    return words;
}

// « Marie DUPONT », « DUPONT Marie », « RDV : Marie Dupont ». The summary is cut at dashes, colons, slashes and
// parentheses, and the name is the first piece holding a word in capitals (else the first piece that is not
// « RDV »): tools put the reason of the visit in the other pieces (« Marie DUPONT – Renouvellement »).
void readSummary(std::string_view summary, ImportedBooking& booking) {
    std::vector<std::string_view> pieces{summary};
    for (const std::string_view cut : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", ":", "(", ")", "|", "/"}) {
        std::vector<std::string_view> next;
        for (std::string_view piece : pieces) {
            for (std::size_t at; (at = piece.find(cut)) != std::string_view::npos; piece.remove_prefix(at + cut.size()))
                next.push_back(piece.substr(0, at));
            next.push_back(piece);
        }
        pieces = std::move(next);
    }
    std::vector<std::string_view> words;
    for (const std::string_view piece : pieces) {
        auto candidate = wordsOf(piece);
        std::erase_if(candidate, [](std::string_view w) {
            const std::string key = labelKey(w);
            return key.empty() || key == "rdv" || key == "rendezvous" || key == "consultation";
        });
        if (candidate.empty()) continue;
        if (std::any_of(candidate.begin(), candidate.end(), isCapitalWord)) {
            words = std::move(candidate);
            break;
        }
        if (words.empty()) words = std::move(candidate);
    }
    if (words.empty()) return;
    std::string surname;
    std::string given;
    const bool anyCapital = std::any_of(words.begin(), words.end(), isCapitalWord);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const bool isSurname = anyCapital ? isCapitalWord(words[i]) : i + 1 == words.size();
        std::string& into = isSurname ? surname : given;
        into += (into.empty() ? "" : " ") + std::string(words[i]);
    }
    if (booking.surname.empty()) booking.surname = cleanUserText(surname, 200);
    if (booking.givenName.empty()) booking.givenName = cleanUserText(given, 200);
}

std::optional<std::int64_t> startOf(icalcomponent* event, icalcomponent* calendar, icaltimezone* local,
                                    std::string& why) {
    icalproperty* dtstart = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
    const icalvalue* value = dtstart != nullptr ? icalproperty_get_value(dtstart) : nullptr;
    if (value == nullptr || (icalvalue_isa(value) != ICAL_DATETIME_VALUE && icalvalue_isa(value) != ICAL_DATE_VALUE)) {
        why = "no start time (DTSTART)";
        return std::nullopt;
    }
    icaltimetype t = icalvalue_get_datetime(value);
    if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t)) {
        why = "its start time (DTSTART) could not be read";
        return std::nullopt;
    }
    if (t.is_date != 0) {
        // An all-day event in a booking feed is the practitioner's absence, not a booking: nothing to report.
        why.clear();
        return std::nullopt;
    }
    icaltimezone* zone = nullptr;
    if (icaltime_is_utc(t)) {
        zone = icaltimezone_get_utc_timezone();
    } else if (icalparameter* tzid = icalproperty_get_first_parameter(dtstart, ICAL_TZID_PARAMETER)) {
        const char* name = icalparameter_get_tzid(tzid);
        zone = name != nullptr ? icalcomponent_get_timezone(calendar, name) : nullptr;
        if (zone == nullptr && name != nullptr) zone = systemZone(name);
        if (zone == nullptr) {
            why = "unknown time zone and no usable VTIMEZONE for it";
            return std::nullopt;
        }
    } else {
        zone = local;
    }
    t.zone = nullptr;
    return static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, zone)) * 1000;
}

BookingCalendarResult fail(std::string error) {
    BookingCalendarResult result;
    result.error = std::move(error);
    return result;
}

BookingCalendarResult parseUnguarded(std::string_view icsText, const std::string& localTimeZone) {
    if (icsText.size() > kMaxFeedBytes) return fail("The booking feed is larger than 16 MB; it was not read.");
    if (icsText.substr(0, 3) == "\xEF\xBB\xBF") icsText.remove_prefix(3);
    const std::string_view body = trimmed(icsText);
    if (body.empty()) return fail("The booking feed is empty.");
    if (body.front() == '<') return fail("The booking feed is a web page (HTML), not an iCalendar file.");
    if (body.size() < 15 || labelKey(body.substr(0, 15)) != "beginvcalendar")
        return fail("The booking feed is not an iCalendar file (it does not start with BEGIN:VCALENDAR).");
    if (body.find("END:VCALENDAR") == std::string_view::npos)
        return fail("The booking feed is cut short (no END:VCALENDAR); it may not have downloaded completely.");
    icaltimezone* local = systemZone(localTimeZone);
    if (local == nullptr) return fail("The kiosk's time zone \"" + localTimeZone + "\" is not known to the system.");

    std::string text;
    text.reserve(body.size());
    std::copy_if(body.begin(), body.end(), std::back_inserter(text), [](char c) { return c != '\0'; });
    const ComponentPtr root(icalparser_parse_string(text.c_str()));
    if (!root) return fail("The booking feed could not be read as iCalendar.");
    std::vector<icalcomponent*> calendars;
    if (icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT) {
        calendars.push_back(root.get());
    } else {
        for (icalcomponent* c = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT); c != nullptr;
             c = icalcomponent_get_next_component(root.get(), ICAL_VCALENDAR_COMPONENT))
            calendars.push_back(c);
    }
    ical::dropUnworkableZones(calendars);

    BookingCalendarResult result;
    result.ok = true;
    std::set<std::string> seen;
    const auto skip = [&](const std::string& uid, std::string reason) {
        if (result.skipped.size() < kMaxSkippedReports) result.skipped.push_back({uid, std::move(reason)});
    };
    for (icalcomponent* calendar : calendars) {
        for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e != nullptr;
             e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
            if (result.bookings.size() >= kMaxBookings) {
                skip("", "the feed holds more than " + std::to_string(kMaxBookings) + " bookings; the rest were left out");
                return result;
            }
            const char* rawUid = textProperty(e, ICAL_UID_PROPERTY);
            const std::string uid = rawUid != nullptr ? cleanUserText(rawUid, kUidBytes) : "";
            if (uid.empty() || uid.size() >= kUidBytes || uid != rawUid) {
                // Without its own id a booking cannot be followed from one import to the next.
                skip(uid, "no usable UID, so it cannot be kept in step with the booking tool");
                continue;
            }
            if (icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY) != nullptr ||
                icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY) != nullptr) {
                skip(uid, "a repeating booking: each appointment is expected as an event of its own");
                continue;
            }
            if (!seen.insert(uid).second) {
                skip(uid, "the same UID appears twice in the feed");
                continue;
            }
            ImportedBooking booking;
            booking.uid = uid;
            const icalproperty* status = icalcomponent_get_first_property(e, ICAL_STATUS_PROPERTY);
            booking.cancelled = status != nullptr && icalproperty_get_status(status) == ICAL_STATUS_CANCELLED;
            std::string why;
            const auto start = startOf(e, calendar, local, why);
            if (!start) {
                if (!booking.cancelled && !why.empty()) skip(uid, why);
                continue;
            }
            booking.startsAtMs = *start;
            if (const char* description = textProperty(e, ICAL_DESCRIPTION_PROPERTY))
                readDescription(std::string_view(description).substr(0, 16 * 1024), booking);
            if (const char* summary = textProperty(e, ICAL_SUMMARY_PROPERTY))
                readSummary(std::string_view(summary).substr(0, 1024), booking);
            readAttendees(e, booking);
            result.bookings.push_back(std::move(booking));
        }
    }
    if (result.bookings.empty() && result.skipped.empty())
        return fail("The booking feed holds no events (VEVENT).");
    std::sort(result.bookings.begin(), result.bookings.end(), [](const ImportedBooking& a, const ImportedBooking& b) {
        return a.startsAtMs != b.startsAtMs ? a.startsAtMs < b.startsAtMs : a.uid < b.uid;
    });
    return result;
}

}  // namespace

std::string bookingCalendarName(std::string_view icsText) {
    static constexpr std::string_view kName = "X-WR-CALNAME";
    for (std::size_t at = icsText.find(kName); at != std::string_view::npos; at = icsText.find(kName, at + 1)) {
        if (at != 0 && icsText[at - 1] != '\n') continue;
        const std::size_t colon = icsText.find(':', at);
        const std::size_t end = icsText.find_first_of("\r\n", at);
        if (colon == std::string_view::npos || (end != std::string_view::npos && colon > end)) return "";
        return cleanUserText(trimmed(icsText.substr(colon + 1, end == std::string_view::npos ? end : end - colon - 1)),
                             200);
    }
    return "";
}

BookingCalendarResult parseBookingCalendar(std::string_view icsText, const std::string& localTimeZone) {
    try {
        const std::lock_guard lock(libicalMutex());
        icalerror_set_errors_are_fatal(0);
        return parseUnguarded(icsText, localTimeZone);
    } catch (const std::bad_alloc&) {
        return fail("The booking feed could not be read: not enough memory.");
    } catch (const std::exception& e) {
        return fail(std::string("The booking feed could not be read: ") + e.what() + ".");
    } catch (...) {
        return fail("The booking feed could not be read.");
    }
}

}  // namespace vk::services::health
