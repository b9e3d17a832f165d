#pragma once
// The health centre's appointment book, kept by the medical assistant: appointments typed in or imported from the
// practice's booking tool (CSV), cancelled, corrected. Also what check-in and the waiting room share: the status
// state machine, the surname key, the local calendar and the result of a staff change.
//
// Appointments are personal health data. Nothing here is ever meant for a public screen except through
// CheckIn's and WaitingRoom's public views (initials, a time, tickets). Audit lines name the appointment by id and
// ticket, never by name: the audit log may be kept longer than the appointments themselves.

#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "storage/appointment_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vk::services::health {

using storage::Appointment;
using storage::AppointmentStatus;

// Why a staff change was refused; each has a translated message in the UI.
enum class HealthError {
    None,
    NotAllowed,         // only the medical assistant (or an admin) manages appointments
    NotFound,
    TransitionRefused,  // the state machine does not allow from → to (see isAllowedTransition)
    NoShowTooSoon,      // a booked patient becomes a no-show only once their check-in window has closed
    Closed,             // done, cancelled or no-show: the record is kept as it was
    NameInvalid,
    DateInvalid,
    TimeInvalid,
    BirthDateInvalid,
    CodeInvalid,
    CodeInUse,
    NoBirthDate,    // a card links a surname and a birth date: the appointment has no birth date
    CardInvalid,    // the reader gave no hexadecimal UID
    StaffCard,      // a staff member's card signs staff in: it is never linked to a patient
    NobodyWaiting,  // call next with an empty waiting room
    PhoneInvalid,   // the waiting list needs a number to call; a phone given must be one
    EmailInvalid,
    NoAddressForMessages,  // a yes to reminders needs a phone or an e-mail to send them to
};

struct AppointmentChange {
    AppointmentChange() = default;
    AppointmentChange(HealthError why, std::optional<Appointment> record = std::nullopt,
                      AppointmentStatus fromStatus = AppointmentStatus::Booked,
                      AppointmentStatus toStatus = AppointmentStatus::Booked)
        : error(why), appointment(std::move(record)), from(fromStatus), to(toStatus) {}

    HealthError error = HealthError::None;
    std::optional<Appointment> appointment;
    // For TransitionRefused: the refused move, so that the message can name both states.
    AppointmentStatus from = AppointmentStatus::Booked;
    AppointmentStatus to = AppointmentStatus::Booked;
    bool ok() const { return error == HealthError::None; }
};

// The waiting room's state machine, the one place that says which status may follow which:
//   booked → arrived | cancelled | no_show
//   arrived → in_consultation | no_show | cancelled
//   in_consultation → done | arrived (back to waiting)
// done, no_show and cancelled are final.
bool isAllowedTransition(AppointmentStatus from, AppointmentStatus to);

// Appointments hold health data: the café manager has no business with them, and a null actor none at all.
bool mayManageAppointments(const StaffSession* actor);
// What the activity log says of an appointment: its time and its ticket, never the patient's name, so that the
// technician who reads the log learns nothing of who sees the doctor.
AuditValues appointmentAuditValues(const Appointment& appointment);

// ---- Names --------------------------------------------------------------------------------------------------------

// The surname as patients type its first letters: capitals, accents removed (é → E, œ → OE, ç → C, ß → SS),
// spaces, hyphens, apostrophes and other punctuation dropped. "Lefèvre-Dupont" → "LEFEVREDUPONT".
// Letters outside Latin scripts are kept as they are.
std::string surnameKey(std::string_view name);

// "M. D." for Marie Dupont; "D." without a given name. What a public screen may show of a patient.
std::string initials(std::string_view givenName, std::string_view surname);

// ---- Dates as people and booking tools write them (the local calendar itself is local_days.h) -------------------

// "YYYY-MM-DD" or "DD/MM/YYYY" → "YYYY-MM-DD", a real calendar day from 1900 to 2199; nullopt otherwise.
std::optional<std::string> parseBookingDay(std::string_view text);
// "HH:MM" (or "H:MM", "10h30", "10:30:00") → "HH:MM".
std::optional<std::string> parseBookingTime(std::string_view text);

// A yes or no to reminders as booking tools export it: « oui », « non », Yes, No, 1, 0, X, Vrai… → true / false;
// nothing for an empty value. `understood` is false for anything else (also nothing: no consent is ever guessed).
std::optional<bool> readReminderConsent(std::string_view written, bool& understood);

struct DayRange {
    std::int64_t fromMs = 0;  // local midnight
    std::int64_t toMs = 0;    // the next local midnight (23 or 25 hours later on a clock change)
};
DayRange localDayRange(const std::string& day);  // day "YYYY-MM-DD"

// ---- The book -----------------------------------------------------------------------------------------------------

// An appointment as staff type it. Text is cleaned (control characters, length) before it is stored.
struct AppointmentInput {
    std::string day;        // "YYYY-MM-DD" or "DD/MM/YYYY", local
    std::string time;       // "HH:MM", local
    std::string surname;
    std::string givenName;
    std::string birthDate;  // optional; "YYYY-MM-DD" or "DD/MM/YYYY"
    std::string phone;      // optional
    std::string code;       // optional; empty: one is generated (on add) or kept (on edit)
    std::string email = {};  // optional; kept as it is on edit (setContact changes it)
    // The patient's yes (or no) to reminders and delay notices; nothing said is a no for a new appointment and
    // changes nothing on an existing one. Kept as it is on edit.
    std::optional<bool> reminderConsent = std::nullopt;
};

// What the assistant types in « Contact et rappels »: where messages go and the patient's yes to them.
struct ContactInput {
    std::string phone;
    std::string email;
    bool reminderConsent = false;
};

struct ImportProblem {
    int line = 0;  // in the file, from 1 (the header); a quoted field may span lines: the line its record starts
    std::string reason;
};

// What a re-import did to an appointment the source knows by its own id. `who` is the patient's initials and the
// time is the appointment's: enough for staff to find it, nothing more in a report that may be pasted anywhere.
struct MovedAppointment {
    std::string appointmentId;
    std::string who;
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
};

struct CancelledAppointment {
    std::string appointmentId;
    std::string who;
    std::int64_t startsAt = 0;
};

// A change in the source the kiosk could not follow (a booking cancelled there after the patient checked in).
struct UnmatchedBooking {
    int line = 0;          // in a CSV file; 0 for a feed
    std::string sourceId;  // the booking's id in the source
    std::string reason;    // in English, for staff
};

struct ImportReport {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    std::vector<MovedAppointment> moved;
    std::vector<CancelledAppointment> cancelled;
    std::vector<UnmatchedBooking> unmatched;
    std::vector<ImportProblem> problems;  // each one a row (or event) skipped
    // Rows imported without a value that could not be used (a phone or an e-mail that is not one, a consent that
    // is neither yes nor no): no message goes to it. Listed, but nothing was skipped.
    std::vector<ImportProblem> notes;
    HealthError error = HealthError::None;  // NotAllowed, or None
    // Non-empty when the database could not take the import (a full disk, a busy or failing database): nothing of
    // it was stored, the counts are 0, and this says why, in English for staff. The file can be imported again.
    std::string failure;
    bool stored() const { return error == HealthError::None && failure.empty(); }
};

class AppointmentBook {
public:
    AppointmentBook(storage::Database& db, const Clock& clock, StaffService& staff);

    // `actor` is a medical assistant, an admin or a system actor; null is refused.
    AppointmentChange add(const StaffSession* actor, const AppointmentInput& input);
    // Corrects a booked or arrived appointment; the status and ticket are left alone.
    AppointmentChange edit(const StaffSession* actor, const std::string& appointmentId, const AppointmentInput& input);
    AppointmentChange cancel(const StaffSession* actor, const std::string& appointmentId);
    // The phone, e-mail and yes to messages of a booked or arrived appointment. A phone or e-mail that is not one is
    // refused (PhoneInvalid, EmailInvalid), a yes with neither too (NoAddressForMessages); nothing is stored then.
    AppointmentChange setContact(const StaffSession* actor, const std::string& appointmentId, const ContactInput& input);

    // The booking tool's export: a header row, then date, time, surname, given name, birth date, phone and an
    // optional code (columns by position, whatever the header calls them). A column the header names « E-mail »
    // (« Courriel », Email) or « Rappels » (« Consentement », « Rappel SMS », Reminders, Consent: oui / non) may stand
    // anywhere after the sixth; the code and the booking id keep their places among the others. A phone or e-mail
    // that is not one is left out of the row with a note (the row is imported); ';' or ',' separated, quoted fields, UTF-8 with or without BOM. A bad row is reported with its
    // line and skipped. Importing the same file again updates the rows it made (found by date, time, surname and
    // birth date), never duplicates them, and never changes a status, so a cancellation or check-in stays.
    // Never throws: a database that cannot take the rows comes back as `failure`, with nothing half-written.
    //
    // An eighth column, the booking's id in the tool, keeps the book in step with it: a booking whose time changed
    // there is moved here (unless the time was only corrected here: the source's own last time is remembered),
    // one no longer in the file is cancelled here if it falls within the file's days and has not begun, unless
    // the patient has already checked in; both are listed in the report, with what could not be followed.
    ImportReport importCsv(const StaffSession* actor, std::string_view csvText);

    // The booking tool's iCalendar feed for one practitioner (booking_calendar.h), reconciled by UID as above:
    // moved, cancelled (STATUS:CANCELLED, or no longer in the feed and not begun), added. Bookings of another feed
    // are never touched. `feedAddress` tells feeds apart; it is stored only as a hash.
    ImportReport importBookingFeed(const StaffSession* actor, std::string_view icsText, const std::string& feedAddress,
                                   const std::string& localTimeZone);

    std::optional<Appointment> find(const std::string& appointmentId);
    // Every live appointment of a local day, by time, for the assistant's day view.
    std::vector<Appointment> day(const std::string& day);

    static constexpr std::size_t kMaxNameLength = 120;  // the schema's limit
    static constexpr std::size_t kMaxPhoneLength = 40;
    static constexpr std::size_t kMaxEmailLength = 254;

private:
    struct Validated;
    struct SourceRow;
    // One booking the source knows by its own id, inside the import's transaction.
    void reconcileRow(const StaffSession* actor, storage::AppointmentSource source, const std::string& feed, SourceRow& row,
                      ImportReport& report, std::int64_t now);
    // Cancels an appointment the source no longer has (or cancelled), unless the patient is already here.
    void cancelFromSource(const StaffSession* actor, const Appointment& appointment, int line, ImportReport& report,
                          std::int64_t now);
    // `forImport`: a phone, e-mail or consent that cannot be used is left out with a note in `out` rather than
    // refusing the row (the appointment matters more than the reminder).
    std::optional<HealthError> validate(const AppointmentInput& input, Validated& out, bool forImport = false);
    // What a source says of the contact and consent, over what the book has: an empty value keeps the book's (typed
    // at the desk), a stated consent replaces it.
    static void mergeContact(const Appointment& existing, const Validated& valid, storage::AppointmentDetails& merged);
    void applySourceConsent(const Appointment& existing, const Validated& valid, std::int64_t now);
    std::optional<std::string> newCode();
    std::optional<AppointmentChange> refuseUnlessAllowed(const StaffSession* actor, const char* action);
    // The booked or arrived appointment `actor` may change, in `existing`; otherwise why not.
    std::optional<AppointmentChange> refuseUnlessOpen(const StaffSession* actor, const std::string& appointmentId,
                                                      const char* action, std::optional<Appointment>& existing);

    storage::AppointmentStore store_;
    const Clock& clock_;
    StaffService& staff_;
};

// Codes are printed on the booking reminder and typed at the kiosk: six characters from an alphabet without the
// ones people confuse (0/O, 1/I/L, 2/Z, 5/S, 8/B).
std::string normalizeCode(std::string_view typed);  // upper case, spaces and hyphens dropped
bool isValidCode(std::string_view normalized);      // 4 to 16 of A-Z and 0-9

}  // namespace vk::services::health
