#include "kiosk/services/agenda/event_agenda.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/user_text.h"
#include "storage/member_store.h"
#include "storage/outbox_store.h"
#include "storage/record_id.h"
#include "storage/write_failure.h"

#include <sodium.h>

#include <cstdio>

namespace vk::services::agenda {
namespace {

bool isKioskActor(const StaffSession* actor) { return actor == &systemActor(SystemActor::Kiosk); }

// The café manager or an admin (the command line, the demo data and the feed are admins). Not the kiosk's own
// actor, which a resident's screen uses: a resident signs up, nobody at the kiosk changes the programme.
bool mayManageEvents(const StaffSession* actor) {
    return actor != nullptr && !isKioskActor(actor) &&
           (actor->role == StaffRole::CafeManager || actor->role == StaffRole::Admin);
}

// A resident alone at the kiosk signs up as the kiosk; at the counter, the signed-in manager does.
bool maySignUp(const StaffSession* actor) {
    return isKioskActor(actor) || mayManageEvents(actor);
}

template <typename Result>
Result storageFailure(const std::exception& e) {
    Result result;
    result.error = AgendaError::StorageFailed;
    result.failure = storage::describeWriteFailure(e);
    return result;
}

// A refusal, as whichever result the function returns: `return Refused{AgendaError::EventUnknown};`.
struct Refused {
    AgendaError error;
    template <typename Result>
    operator Result() const {
        Result result;
        result.error = error;
        return result;
    }
};

// Letters and digits that cannot be mistaken for one another when read aloud or copied (no 0/O, 1/I/L).
constexpr char kTicketAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr int kTicketLength = 6;
constexpr const char* kTicketQrPrefix = "VK-AGENDA:";

std::optional<std::string> normalizePhone(const std::string& typed) {
    std::string phone;
    for (const char c : typed) {
        if (c >= '0' && c <= '9') phone += c;
        else if (c == '+' && phone.empty()) phone += c;
        else if (c != ' ' && c != '.' && c != '-') return std::nullopt;
    }
    const auto digits = phone.size() - (phone.rfind('+', 0) == 0 ? 1 : 0);
    if (digits < 6 || digits > 15) return std::nullopt;
    return phone;
}

std::optional<std::string> normalizeEmail(const std::string& typed) {
    const std::string email = cleanUserText(typed, 121);
    if (email.size() > 120 || email.size() != typed.size()) return std::nullopt;
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return std::nullopt;
    if (email.find(' ') != std::string::npos) return std::nullopt;
    const std::string domain = email.substr(at + 1);
    if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.') return std::nullopt;
    return email;
}

// A text field of a form: cleaned of control characters and outer spaces; nullopt when longer than allowed.
std::optional<std::string> cleanField(const std::string& typed, int maxLength) {
    std::string clean = cleanUserText(typed, static_cast<std::size_t>(maxLength) + 1);
    if (countCodepoints(clean) > static_cast<std::size_t>(maxLength)) return std::nullopt;
    return clean;
}

}  // namespace

std::string errorKey(AgendaError error) {
    switch (error) {
    case AgendaError::None: return "agenda.error.none";
    case AgendaError::NotAllowed: return "agenda.error.not_allowed";
    case AgendaError::TitleInvalid: return "agenda.error.title_invalid";
    case AgendaError::PlaceInvalid: return "agenda.error.place_invalid";
    case AgendaError::DescriptionInvalid: return "agenda.error.description_invalid";
    case AgendaError::DayInvalid: return "agenda.error.day_invalid";
    case AgendaError::TimeInvalid: return "agenda.error.time_invalid";
    case AgendaError::EndInvalid: return "agenda.error.end_invalid";
    case AgendaError::CapacityInvalid: return "agenda.error.capacity_invalid";
    case AgendaError::CapacityBelowSignUps: return "agenda.error.capacity_below_sign_ups";
    case AgendaError::PriceInvalid: return "agenda.error.price_invalid";
    case AgendaError::EventUnknown: return "agenda.error.event_unknown";
    case AgendaError::EventCancelled: return "agenda.error.event_cancelled";
    case AgendaError::EventPast: return "agenda.error.event_past";
    case AgendaError::NameInvalid: return "agenda.error.name_invalid";
    case AgendaError::PhoneInvalid: return "agenda.error.phone_invalid";
    case AgendaError::EmailInvalid: return "agenda.error.email_invalid";
    case AgendaError::MemberUnknown: return "agenda.error.member_unknown";
    case AgendaError::AlreadySignedUp: return "agenda.error.already_signed_up";
    case AgendaError::KeyInvalid: return "agenda.error.key_invalid";
    case AgendaError::SignUpUnknown: return "agenda.error.sign_up_unknown";
    case AgendaError::NotActive: return "agenda.error.not_active";
    case AgendaError::StorageFailed: return "agenda.error.storage_failed";
    }
    return "agenda.error.none";
}

std::string describeError(AgendaError error) {
    switch (error) {
    case AgendaError::None: return "done";
    case AgendaError::NotAllowed: return "not allowed for this account";
    case AgendaError::TitleInvalid: return "the title is empty or longer than 120 characters";
    case AgendaError::PlaceInvalid: return "the place is longer than 120 characters";
    case AgendaError::DescriptionInvalid: return "the description is longer than 2000 characters";
    case AgendaError::DayInvalid: return "the day is not a date written YYYY-MM-DD";
    case AgendaError::TimeInvalid: return "the start time is not written HH:MM";
    case AgendaError::EndInvalid: return "the end time is not written HH:MM, or not after the start";
    case AgendaError::CapacityInvalid: return "the number of places is not between 0 (no limit) and 10000";
    case AgendaError::CapacityBelowSignUps: return "more people have signed up than that number of places";
    case AgendaError::PriceInvalid: return "the price is not between 0 and 1000.00 euros";
    case AgendaError::EventUnknown: return "no event has that id";
    case AgendaError::EventCancelled: return "the event is cancelled";
    case AgendaError::EventPast: return "the event has started or is over";
    case AgendaError::NameInvalid: return "the name is empty or longer than 80 characters";
    case AgendaError::PhoneInvalid: return "the phone number is not one (6 to 15 digits)";
    case AgendaError::EmailInvalid: return "the e-mail address is not one";
    case AgendaError::MemberUnknown: return "no member has that id";
    case AgendaError::AlreadySignedUp: return "that member has signed up for this event already";
    case AgendaError::KeyInvalid: return "the key is empty or longer than 64 characters";
    case AgendaError::SignUpUnknown: return "no sign-up has that id or ticket";
    case AgendaError::NotActive: return "that sign-up was cancelled already, or its event is over";
    case AgendaError::StorageFailed: return "the database could not take it; nothing was written";
    }
    return "refused";
}

std::string formatPrice(std::int64_t cents) {
    char text[32];
    std::snprintf(text, sizeof text, "%lld,%02lld €", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return text;
}

EventAgenda::EventAgenda(storage::Database& db, const Clock& clock, StaffService& staff,
                         timebank::MemberDirectory& members, hardware::ReceiptPrinter& printer,
                         const AgendaSettings& settings, std::string villageName, std::string timeZone)
    : db_(db), clock_(clock), staff_(staff), members_(members), printer_(printer), settings_(settings),
      villageName_(std::move(villageName)), timeZone_(std::move(timeZone)), store_(db) {}

AgendaError EventAgenda::readForm(const EventForm& form, EventDetails& details) const {
    const auto title = cleanField(form.title, kMaxTitleLength);
    if (!title || title->empty()) return AgendaError::TitleInvalid;
    const auto place = cleanField(form.place, kMaxPlaceLength);
    if (!place) return AgendaError::PlaceInvalid;
    // A description keeps its line breaks: each line is cleaned on its own.
    std::string description;
    std::size_t begin = 0;
    while (begin <= form.description.size()) {
        std::size_t end = form.description.find('\n', begin);
        if (end == std::string::npos) end = form.description.size();
        const std::string line =
            cleanUserText(std::string_view(form.description).substr(begin, end - begin), kMaxDescriptionLength + 1);
        if (!description.empty() || !line.empty()) description += (description.empty() ? "" : "\n") + line;
        if (countCodepoints(description) > static_cast<std::size_t>(kMaxDescriptionLength))
            return AgendaError::DescriptionInvalid;
        begin = end + 1;
    }
    while (!description.empty() && description.back() == '\n') description.pop_back();
    if (!health::isValidDay(form.day)) return AgendaError::DayInvalid;
    if (!health::isValidTime(form.startsAt)) return AgendaError::TimeInvalid;
    if (!form.endsAt.empty() && (!health::isValidTime(form.endsAt) || form.endsAt <= form.startsAt))
        return AgendaError::EndInvalid;
    if (form.capacity < 0 || form.capacity > kMaxCapacity) return AgendaError::CapacityInvalid;
    if (form.priceCents && (*form.priceCents < 0 || *form.priceCents > kMaxPriceCents)) return AgendaError::PriceInvalid;
    details = {*title, *place, description, form.day, form.startsAt, form.endsAt, form.capacity, form.priceCents};
    return AgendaError::None;
}

std::string EventAgenda::whenText(const AgendaEvent& event) const {
    const auto at = health::localToUnixMs(event.details.day, event.details.startsAt);
    if (!at) return event.details.day + " " + event.details.startsAt;
    return i18n::trf("agenda.when", {{"day", i18n::longDate(*at)}, {"time", i18n::spokenTime(event.details.startsAt)}});
}

bool EventAgenda::hasStarted(const AgendaEvent& event) const {
    const auto at = health::localToUnixMs(event.details.day, event.details.startsAt);
    return !at || clock_.nowMs() >= *at;
}

EventChange EventAgenda::addEvent(const StaffSession* actor, const EventForm& form) {
    EventChange change;
    if (!mayManageEvents(actor)) {
        staff_.audit(actor, "agenda.refused", {{"attempt_key", "audit.attempt.add_event"}});
        change.error = AgendaError::NotAllowed;
        return change;
    }
    EventDetails details;
    if ((change.error = readForm(form, details)) != AgendaError::None) return change;
    try {
        staff_.inTransaction([&] {
            change.event = store_.insertEvent(details, std::nullopt, clock_.nowMs());
            staff_.audit(actor, "agenda.add_event", {{"title", details.title},
                          {"on_day", change.event->details.day},
                          {"at_time", change.event->details.startsAt}});
        });
    } catch (const std::exception& e) {
        return storageFailure<EventChange>(e);
    }
    return change;
}

EventChange EventAgenda::editEvent(const StaffSession* actor, const std::string& eventId, const EventForm& form) {
    EventChange change;
    if (!mayManageEvents(actor)) {
        staff_.audit(actor, "agenda.refused", {{"attempt_key", "audit.attempt.edit_event"}});
        change.error = AgendaError::NotAllowed;
        return change;
    }
    EventDetails details;
    if ((change.error = readForm(form, details)) != AgendaError::None) return change;
    try {
        const auto before = store_.event(eventId);
        if (!before) return Refused{AgendaError::EventUnknown};
        if (before->cancelled()) return Refused{AgendaError::EventCancelled};
        if (details.capacity > 0 && details.capacity < before->registered) return Refused{AgendaError::CapacityBelowSignUps};
        staff_.inTransaction([&] {
            store_.updateEvent(eventId, details, clock_.nowMs());
            // More places: the waiting list moves up into them.
            for (auto event = store_.event(eventId); event && event->waiting > 0 && event->placesLeft() != 0;
                 event = store_.event(eventId)) {
                const auto next = store_.firstWaiting(eventId);
                if (!next) break;
                store_.markPromoted(next->id, clock_.nowMs());
                tell(*next, "agenda.promoted", i18n::trf("agenda.message.promoted_subject", {{"title", details.title}}),
                     i18n::trf("agenda.message.promoted", {{"title", details.title}, {"when", whenText(*event)},
                                                           {"code", next->ticketCode}, {"village", villageName_}}),
                     "agenda:promoted:" + next->id);
                staff_.audit(actor, "agenda.promote", {{"name", next->name}, {"title", details.title}});
            }
            change.event = store_.event(eventId);
            staff_.audit(actor, "agenda.edit_event", {{"title", details.title},
                          {"on_day", change.event->details.day},
                          {"at_time", change.event->details.startsAt}});
        });
    } catch (const std::exception& e) {
        return storageFailure<EventChange>(e);
    }
    return change;
}

EventChange EventAgenda::cancelEvent(const StaffSession* actor, const std::string& eventId) {
    EventChange change;
    if (!mayManageEvents(actor)) {
        staff_.audit(actor, "agenda.refused", {{"attempt_key", "audit.attempt.cancel_event"}});
        change.error = AgendaError::NotAllowed;
        return change;
    }
    try {
        const auto event = store_.event(eventId);
        if (!event) return Refused{AgendaError::EventUnknown};
        if (event->cancelled()) return Refused{AgendaError::EventCancelled};
        staff_.inTransaction([&] {
            store_.cancelEvent(eventId, clock_.nowMs());
            change.told = tellCancelled(*event);
            change.event = store_.event(eventId);
            staff_.audit(actor, "agenda.cancel_event",
                         {{"title", event->details.title},
                          {"on_day", event->details.day},
                          {"at_time", event->details.startsAt},
                          {"count", std::to_string(change.told)}});
        });
    } catch (const std::exception& e) {
        return storageFailure<EventChange>(e);
    }
    return change;
}

std::optional<AgendaEvent> EventAgenda::event(const std::string& eventId) { return store_.event(eventId); }

std::vector<AgendaEvent> EventAgenda::week(const std::string& monday) {
    if (!health::isValidDay(monday)) return {};
    return store_.events(monday, health::addDays(monday, 6));
}

std::vector<AgendaEvent> EventAgenda::nearbyWeek(const std::string& monday) {
    if (!health::isValidDay(monday)) return {};
    return store_.neighbourEvents(monday, health::addDays(monday, 6));
}

std::vector<AgendaEvent> EventAgenda::between(const std::string& firstDay, const std::string& lastDay) {
    if (!health::isValidDay(firstDay) || !health::isValidDay(lastDay)) return {};
    return store_.events(firstDay, lastDay);
}

std::string EventAgenda::firstWeekShown() {
    const std::string today = health::localDay(clock_.nowMs());
    const std::string monday = health::mondayOf(today);
    for (const AgendaEvent& e : week(monday))
        if (!e.cancelled() && !hasStarted(e)) return monday;
    // Nothing left this week: the coming week is what residents look for.
    return health::addDays(monday, 7);
}

std::vector<SignUp> EventAgenda::signUpsOf(const StaffSession* actor, const std::string& eventId) {
    // Never for the kiosk's own actor: a resident's screen has no business with the names.
    if (!mayManageEvents(actor)) return {};
    return store_.signUpsOf(eventId);
}

AgendaError EventAgenda::resolveAttendee(const Attendee& who, storage::NewSignUp& signUp) {
    if (!who.memberId.empty()) {
        const auto member = members_.find(who.memberId);
        if (!member) return AgendaError::MemberUnknown;
        signUp.memberId = member->id;
        signUp.name = cleanUserText(member->name, kMaxNameLength);
        if (signUp.name.empty()) signUp.name = "?";
        // The board keeps the member's phone and e-mail: the reminder goes there.
        if (const auto record = storage::MemberStore(db_).findActive(member->id)) {
            // Written as the manager typed it on the board ("06 12 34 56 78"): the SMS gateway takes digits.
            if (record->phone) signUp.phone = normalizePhone(*record->phone).value_or("");
            if (record->email) signUp.email = normalizeEmail(*record->email).value_or("");
        }
        return AgendaError::None;
    }
    const auto name = cleanField(who.name, kMaxNameLength);
    if (!name || name->empty()) return AgendaError::NameInvalid;
    signUp.name = *name;
    if (who.phone.find_first_not_of(' ') != std::string::npos) {
        const auto phone = normalizePhone(who.phone);
        if (!phone) return AgendaError::PhoneInvalid;
        signUp.phone = *phone;
    }
    if (!who.email.empty()) {
        const auto email = normalizeEmail(who.email);
        if (!email) return AgendaError::EmailInvalid;
        signUp.email = *email;
    }
    return AgendaError::None;
}

std::string EventAgenda::newTicketCode() {
    static const bool sodiumReady = sodium_init() >= 0;
    (void)sodiumReady;
    for (;;) {
        std::string code;
        for (int i = 0; i < kTicketLength; ++i)
            code += kTicketAlphabet[randombytes_uniform(static_cast<std::uint32_t>(sizeof kTicketAlphabet - 1))];
        if (!store_.signUpByTicket(code)) return code;
    }
}

SignUpResult EventAgenda::signUp(const StaffSession* actor, const SignUpRequest& request) {
    SignUpResult result;
    const auto refuse = [&](AgendaError error) {
        result.error = error;
        return result;
    };
    if (!maySignUp(actor)) {
        staff_.audit(actor, "agenda.refused", {{"attempt_key", "audit.attempt.sign_up"}});
        return refuse(AgendaError::NotAllowed);
    }
    const std::string key = request.dedupeKey.empty() ? storage::newRecordId(clock_.nowMs())
                                                      : cleanUserText(request.dedupeKey, kMaxKeyLength + 1);
    if (key.empty() || key.size() > kMaxKeyLength || (!request.dedupeKey.empty() && key != request.dedupeKey))
        return refuse(AgendaError::KeyInvalid);
    storage::NewSignUp signUp;
    signUp.eventId = request.eventId;
    signUp.source = request.source;
    signUp.dedupeKey = key;
    try {
        // A retried key finds its sign-up, even once the event is full: the double tap is not refused.
        if (const auto existing = store_.signUpByKey(key)) {
            result.signUp = existing;
            result.event = store_.event(existing->eventId);
            result.alreadyDone = true;
            result.waiting = existing->state == SignUpState::Waiting;
            return result;
        }
        const auto event = store_.event(request.eventId);
        if (!event) return refuse(AgendaError::EventUnknown);
        if (event->cancelled()) return refuse(AgendaError::EventCancelled);
        if (hasStarted(*event)) return refuse(AgendaError::EventPast);
        if (const AgendaError error = resolveAttendee(request.who, signUp); error != AgendaError::None)
            return refuse(error);
        if (signUp.memberId && store_.activeSignUpOf(event->id, *signUp.memberId)) {
            result.signUp = store_.activeSignUpOf(event->id, *signUp.memberId);
            result.event = event;
            return refuse(AgendaError::AlreadySignedUp);
        }
        signUp.ticketCode = newTicketCode();
        staff_.inTransaction([&] {
            // Counted again inside the transaction: two kiosks' last places are not both given.
            const auto now = store_.event(event->id);
            signUp.state = now->placesLeft() == 0 ? SignUpState::Waiting : SignUpState::Registered;
            result.signUp = store_.insertSignUp(signUp, clock_.nowMs());
            result.event = store_.event(event->id);
            staff_.audit(actor, signUp.state == SignUpState::Waiting ? "agenda.wait" : "agenda.sign_up",
                         {{"name", signUp.name},
                          {"title", event->details.title},
                          {"on_day", event->details.day},
                          {"at_time", event->details.startsAt}});
        });
    } catch (const std::exception& e) {
        if (storage::classifyWriteFailure(e) == storage::WriteFailure::Refused) {
            try {
                // Two taps racing with one key: the loser finds the winner's sign-up.
                if (const auto existing = store_.signUpByKey(key)) {
                    result = {};
                    result.signUp = existing;
                    result.event = store_.event(existing->eventId);
                    result.alreadyDone = true;
                    result.waiting = existing->state == SignUpState::Waiting;
                    return result;
                }
                if (signUp.memberId && store_.activeSignUpOf(request.eventId, *signUp.memberId))
                    return refuse(AgendaError::AlreadySignedUp);
            } catch (const std::exception&) {
            }
        }
        return storageFailure<SignUpResult>(e);
    }
    result.waiting = result.signUp->state == SignUpState::Waiting;
    if (result.waiting) {
        int position = 0;
        for (const SignUp& s : store_.signUpsOf(request.eventId)) {
            if (s.state != SignUpState::Waiting) continue;
            ++position;
            if (s.id == result.signUp->id) break;
        }
        result.waitingPosition = position;
    }
    if (settings_.printTicket && !result.waiting) result.ticketPrinted = printTicket(result.signUp->id);
    return result;
}

std::optional<SignUp> EventAgenda::signUpOf(const std::string& eventId, const std::string& memberId) {
    return store_.activeSignUpOf(eventId, memberId);
}

CancelResult EventAgenda::cancelSignUp(const StaffSession* actor, const std::string& signUpId) {
    CancelResult result;
    if (!maySignUp(actor)) {
        staff_.audit(actor, "agenda.refused", {{"attempt_key", "audit.attempt.cancel_sign_up"}});
        result.error = AgendaError::NotAllowed;
        return result;
    }
    try {
        const auto signUp = store_.signUp(signUpId);
        if (!signUp) return Refused{AgendaError::SignUpUnknown};
        if (signUp->state != SignUpState::Registered && signUp->state != SignUpState::Waiting)
            return Refused{AgendaError::NotActive};
        const auto event = store_.event(signUp->eventId);
        if (!event) return Refused{AgendaError::EventUnknown};
        if (hasStarted(*event)) return Refused{AgendaError::NotActive};
        staff_.inTransaction([&] {
            const std::int64_t now = clock_.nowMs();
            store_.setState(signUp->id, SignUpState::Cancelled, now);
            result.cancelled = store_.signUp(signUp->id);
            staff_.audit(actor, "agenda.cancel_sign_up", {{"name", signUp->name}, {"title", event->details.title}});
            if (signUp->state != SignUpState::Registered || event->cancelled()) return;
            const auto next = store_.firstWaiting(event->id);
            if (!next) return;
            store_.markPromoted(next->id, now);
            result.promoted = store_.signUp(next->id);
            result.promotedTold = tell(
                *result.promoted, "agenda.promoted",
                i18n::trf("agenda.message.promoted_subject", {{"title", event->details.title}}),
                i18n::trf("agenda.message.promoted", {{"title", event->details.title}, {"when", whenText(*event)},
                                                      {"code", next->ticketCode}, {"village", villageName_}}),
                "agenda:promoted:" + next->id);
            staff_.audit(actor, result.promotedTold ? "agenda.promote" : "agenda.promote_untold",
                         {{"name", next->name}, {"title", event->details.title}});
        });
    } catch (const std::exception& e) {
        return storageFailure<CancelResult>(e);
    }
    return result;
}

CancelResult EventAgenda::cancelByTicket(const StaffSession* actor, const std::string& ticketCode) {
    const auto signUp = store_.signUpByTicket(cleanUserText(ticketCode, 20));
    if (!signUp) return Refused{AgendaError::SignUpUnknown};
    return cancelSignUp(actor, signUp->id);
}

CancelResult EventAgenda::markAttended(const StaffSession* actor, const std::string& ticketCode) {
    CancelResult result;
    if (!mayManageEvents(actor)) {
        staff_.audit(actor, "agenda.refused", {{"attempt_key", "audit.attempt.mark_present"}});
        result.error = AgendaError::NotAllowed;
        return result;
    }
    std::string code = cleanUserText(ticketCode, 40);
    if (code.rfind(kTicketQrPrefix, 0) == 0) code = code.substr(std::string_view(kTicketQrPrefix).size());
    try {
        const auto signUp = store_.signUpByTicket(code);
        if (!signUp) return Refused{AgendaError::SignUpUnknown};
        if (signUp->state != SignUpState::Registered) return Refused{AgendaError::NotActive};
        const auto event = store_.event(signUp->eventId);
        staff_.inTransaction([&] {
            store_.setState(signUp->id, SignUpState::Attended, clock_.nowMs());
            result.cancelled = store_.signUp(signUp->id);
            staff_.audit(actor, "agenda.attended",
                         {{"name", signUp->name}, {"title", event ? event->details.title : std::string("?")}});
        });
    } catch (const std::exception& e) {
        return storageFailure<CancelResult>(e);
    }
    return result;
}

hardware::Receipt EventAgenda::ticket(const AgendaEvent& event, const SignUp& signUp) const {
    hardware::Receipt receipt;
    receipt.kind = "agenda_ticket";
    receipt.lines = {
        {villageName_, false, true, true},
        {i18n::tr("agenda.ticket.heading"), false, false, true},
    };
    receipt.add(hardware::Separator{});
    receipt.add(hardware::ReceiptLine{event.details.title, true, true, true});
    receipt.add(hardware::ReceiptLine{whenText(event), false, true, true});
    if (!event.details.endsAt.empty())
        receipt.add(hardware::ReceiptLine{i18n::trf("agenda.ticket.until", {{"time", i18n::spokenTime(event.details.endsAt)}}),
                                          false, false, true});
    if (!event.details.place.empty()) receipt.add(hardware::ReceiptLine{event.details.place, false, false, true});
    receipt.add(hardware::Separator{});
    receipt.add(hardware::ReceiptLine{i18n::trf("agenda.ticket.for", {{"name", signUp.name}}), false, true, true});
    if (event.details.priceCents && *event.details.priceCents > 0)
        receipt.add(hardware::ReceiptLine{
            i18n::trf("agenda.ticket.price", {{"amount", formatPrice(*event.details.priceCents)}}), false, false, true});
    else
        receipt.add(hardware::ReceiptLine{i18n::tr("agenda.ticket.free"), false, false, true});
    receipt.add(hardware::QrCode{kTicketQrPrefix + signUp.ticketCode});
    receipt.add(hardware::ReceiptLine{i18n::trf("agenda.ticket.code", {{"code", signUp.ticketCode}}), true, true, true});
    receipt.add(hardware::ReceiptLine{i18n::tr("agenda.ticket.cancel_hint"), false, false, true});
    return receipt;
}

bool EventAgenda::printTicket(const std::string& signUpId) {
    const auto signUp = store_.signUp(signUpId);
    if (!signUp || (signUp->state != SignUpState::Registered && signUp->state != SignUpState::Attended)) return false;
    const auto event = store_.event(signUp->eventId);
    if (!event) return false;
    printer_.submit(ticket(*event, *signUp));
    return true;
}

bool EventAgenda::tell(const SignUp& signUp, const std::string& purpose, const std::string& subject,
                       const std::string& body, const std::string& dedupeKey) {
    storage::OutgoingMessage message;
    if (!signUp.phone.empty()) {
        message.channel = storage::OutboxChannel::Sms;
        message.recipient = signUp.phone;
    } else if (!signUp.email.empty()) {
        message.channel = storage::OutboxChannel::Email;
        message.recipient = signUp.email;
        message.subject = subject;
    } else {
        return false;
    }
    message.body = body;
    message.purpose = purpose;
    message.relatedId = signUp.id;
    message.dedupeKey = dedupeKey;
    storage::OutboxStore(db_).enqueue(message, clock_.nowMs());
    return true;
}

int EventAgenda::queueReminders() {
    const std::int64_t now = clock_.nowMs();
    if (health::localTime(now) < settings_.reminderTime) return 0;
    const std::string tomorrow = health::addDays(health::localDay(now), 1);
    int queued = 0;
    for (const SignUp& s : store_.toRemind(tomorrow)) {
        const auto event = store_.event(s.eventId);
        if (!event) continue;
        staff_.inTransaction([&] {
            store_.markReminded(s.id, now);
            if (tell(s, "agenda.reminder",
                     i18n::trf("agenda.message.reminder_subject", {{"title", event->details.title}}),
                     i18n::trf("agenda.message.reminder",
                               {{"title", event->details.title}, {"when", whenText(*event)},
                                {"place", event->details.place.empty() ? villageName_ : event->details.place},
                                {"code", s.ticketCode}, {"village", villageName_}}),
                     "agenda:reminder:" + s.id))
                ++queued;
        });
    }
    return queued;
}

int EventAgenda::tellCancelled(const AgendaEvent& event) {
    int told = 0;
    for (const SignUp& s : store_.signUpsOf(event.id)) {
        if (s.state != SignUpState::Registered && s.state != SignUpState::Waiting) continue;
        if (tell(s, "agenda.event_cancelled",
                 i18n::trf("agenda.message.cancelled_subject", {{"title", event.details.title}}),
                 i18n::trf("agenda.message.cancelled",
                           {{"title", event.details.title}, {"when", whenText(event)}, {"village", villageName_}}),
                 "agenda:event_cancelled:" + s.id))
            ++told;
    }
    return told;
}

ImportReport EventAgenda::importFeed(const StaffSession* actor, std::string_view icsText) {
    ImportReport report;
    if (!mayManageEvents(actor)) {
        staff_.audit(actor, "agenda.refused", {{"attempt_key", "audit.attempt.import_events"}});
        report.error = describeError(AgendaError::NotAllowed);
        return report;
    }
    const std::string today = health::localDay(clock_.nowMs());
    const EventCalendarResult feed =
        parseEventCalendar(icsText, today, health::addDays(today, settings_.weeksAhead * 7), timeZone_);
    if (!feed.ok) {
        report.error = feed.error;
        return report;
    }
    report.leftOut = feed.leftOut;
    try {
        staff_.inTransaction([&] {
            const std::int64_t now = clock_.nowMs();
            for (const ImportedEvent& imported : feed.events) {
                const auto existing = store_.eventBySourceKey(imported.sourceKey);
                if (imported.cancelled) {
                    if (existing && !existing->cancelled()) {
                        store_.cancelEvent(existing->id, now);
                        // Whoever signed up hears it as if the café had cancelled it: the tour is off.
                        report.told += tellCancelled(*existing);
                        ++report.cancelled;
                    }
                    continue;
                }
                EventDetails details{imported.title, imported.place, imported.description, imported.day,
                                     imported.startsAt, imported.endsAt, settings_.importedCapacity, std::nullopt};
                if (!existing) {
                    store_.insertEvent(details, imported.sourceKey, now);
                    ++report.added;
                    continue;
                }
                // The places and the price are the café's to set: a new import keeps them.
                details.capacity = existing->details.capacity;
                details.priceCents = existing->details.priceCents;
                if (details == existing->details) {
                    ++report.unchanged;
                    continue;
                }
                store_.updateEvent(existing->id, details, now);
                ++report.updated;
            }
            staff_.audit(actor, "agenda.import",
                         {{"added", std::to_string(report.added)},
                          {"updated", std::to_string(report.updated)},
                          {"cancelled", std::to_string(report.cancelled)},
                          {"skipped", std::to_string(report.leftOut.size())}});
        });
    } catch (const std::exception& e) {
        report = {};
        report.error = "The agenda feed was read but could not be stored: " + storage::describeWriteFailure(e) + ".";
    }
    return report;
}

SignUpCounts EventAgenda::countSignUps(const std::string& firstDay, const std::string& lastDay) {
    return store_.countSignUps(firstDay, lastDay);
}

}  // namespace vk::services::agenda
