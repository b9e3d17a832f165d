#include "kiosk/services/parcels/parcel_desk.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/user_text.h"
#include "storage/outbox_store.h"
#include "storage/write_failure.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <ostream>
#include <set>

namespace vk::services::parcels {
namespace {

constexpr std::size_t kMaxPhoneLength = 40;
constexpr std::size_t kMaxEmailLength = 254;
constexpr const char* kFloorPlace = "SOL";
// Sixty thousand euros is more than any parcel's cash on delivery.
constexpr std::int64_t kMaxCodCents = 6'000'000;
// How far ahead the reminder job looks: the longest reminder a carrier may ask for.
constexpr int kReminderHorizonDays = 30;

ParcelError trackingError(TrackingProblem problem) {
    switch (problem) {
    case TrackingProblem::None: return ParcelError::None;
    case TrackingProblem::Empty: return ParcelError::TrackingEmpty;
    case TrackingProblem::Unreadable: return ParcelError::TrackingUnreadable;
    case TrackingProblem::TooLong: return ParcelError::TrackingTooLong;
    case TrackingProblem::TooShort: return ParcelError::TrackingTooShort;
    case TrackingProblem::MisScan: return ParcelError::MisScan;
    }
    return ParcelError::TrackingUnreadable;
}

bool hasControlCharacter(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return std::string(text);
}

// "06 12 34 56 78", "+33 6 12 34 56 78", "06.12.34.56.78" → digits with an optional leading +.
std::optional<std::string> normalizePhone(std::string_view typed) {
    if (typed.size() > kMaxPhoneLength || hasControlCharacter(typed)) return std::nullopt;
    std::string phone;
    for (const char c : typed) {
        if (c >= '0' && c <= '9')
            phone += c;
        else if (c == '+' && phone.empty())
            phone += c;
        else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')')
            return std::nullopt;
    }
    const auto digits = std::count_if(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits < 6 || digits > 15) return std::nullopt;
    return phone;
}

// One address, printable ASCII without spaces, one @ with something on each side and a dot in the domain. A line
// break is refused, never cleaned away: it is how a mail header would be slipped in.
std::optional<std::string> normalizeEmail(std::string_view typed) {
    if (hasControlCharacter(typed)) return std::nullopt;
    const std::string email = trimmed(typed);
    if (email.size() > kMaxEmailLength) return std::nullopt;
    for (const char c : email) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') return std::nullopt;
    }
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return std::nullopt;
    const std::string domain = email.substr(at + 1);
    const auto dot = domain.find('.');
    if (domain.empty() || dot == std::string::npos || dot == 0 || domain.back() == '.') return std::nullopt;
    return email;
}

std::string lowerAscii(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string shownDeadline(const std::string& day) {
    const auto noon = health::localToUnixMs(day, "12:00");
    return noon ? i18n::longDate(*noon) : day;
}

std::string csvField(const std::string& value) {
    std::string field = value;
    // A spreadsheet runs a cell that starts with = + - @ as a formula: a name typed at the counter must not.
    if (!field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@'))
        field.insert(0, "'");
    if (field.find_first_of(";\"\n\r") == std::string::npos) return field;
    std::string quoted = "\"";
    for (const char c : field) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string isoLocal(std::int64_t unixMs) { return health::localDay(unixMs) + " " + health::localTime(unixMs); }

template <class Work>
std::string databaseFailureOf(Work&& work) {
    try {
        work();
        return {};
    } catch (const std::exception& error) {
        return storage::describeWriteFailure(error);
    }
}

}  // namespace

const char* errorKey(ParcelError error) {
    switch (error) {
    case ParcelError::None: return "parcels.error.none";
    case ParcelError::NotAllowed: return "parcels.error.not_allowed";
    case ParcelError::TrackingEmpty: return "parcels.error.tracking_empty";
    case ParcelError::TrackingUnreadable: return "parcels.error.tracking_unreadable";
    case ParcelError::TrackingTooLong: return "parcels.error.tracking_too_long";
    case ParcelError::TrackingTooShort: return "parcels.error.tracking_too_short";
    case ParcelError::MisScan: return "parcels.error.mis_scan";
    case ParcelError::CarrierNeeded: return "parcels.error.carrier_needed";
    case ParcelError::CarrierUnknown: return "parcels.error.carrier_unknown";
    case ParcelError::AlreadyOnShelf: return "parcels.error.already_on_shelf";
    case ParcelError::NameMissing: return "parcels.error.name_missing";
    case ParcelError::NameTooLong: return "parcels.error.name_too_long";
    case ParcelError::PhoneInvalid: return "parcels.error.phone_invalid";
    case ParcelError::EmailInvalid: return "parcels.error.email_invalid";
    case ParcelError::ShelfFull: return "parcels.error.shelf_full";
    case ParcelError::PlaceInvalid: return "parcels.error.place_invalid";
    case ParcelError::AmountInvalid: return "parcels.error.amount_invalid";
    case ParcelError::IdNotChecked: return "parcels.error.id_not_checked";
    case ParcelError::CollectorNameMissing: return "parcels.error.collector_name_missing";
    case ParcelError::NotFound: return "parcels.error.not_found";
    case ParcelError::NothingToHandOver: return "parcels.error.nothing_to_hand_over";
    case ParcelError::StorageFailed: return "parcels.error.storage_failed";
    }
    return "parcels.error.none";
}

bool mayRunRelayPoint(const StaffSession* actor) {
    return actor != nullptr &&
           (actor->system || actor->role == StaffRole::CafeManager || actor->role == StaffRole::Admin);
}

std::string formatEuros(std::int64_t cents) {
    const std::int64_t euros = cents / 100;
    const std::int64_t rest = cents % 100;
    return std::to_string(euros) + "," + (rest < 10 ? "0" : "") + std::to_string(rest) + " €";
}

ParcelDesk::ParcelDesk(storage::Database& db, const Clock& clock, StaffService& staff,
                       hardware::ReceiptPrinter& printer, ParcelsSettings settings)
    : db_(db),
      store_(db),
      clock_(clock),
      staff_(staff),
      printer_(printer),
      settings_(std::move(settings)),
      calendar_(settings_.openingDays, settings_.closures) {}

std::string ParcelDesk::today() const { return health::localDay(clock_.nowMs()); }

ParcelError ParcelDesk::updateCarrier(const StaffSession* actor, const Carrier& carrier) {
    if (!mayRunRelayPoint(actor)) {
        staff_.audit(actor, "parcels.refused", {{"attempt_key", "audit.attempt.update_carrier"}});
        return ParcelError::NotAllowed;
    }
    if (!store_.carrierById(carrier.id)) return ParcelError::CarrierUnknown;
    Carrier cleaned = carrier;
    cleaned.name = cleanUserText(carrier.name, 80);
    cleaned.returnRules = cleanUserText(carrier.returnRules, 500);
    cleaned.holdDays = std::clamp(carrier.holdDays, 1, 60);
    cleaned.reminderDaysBefore = std::clamp(carrier.reminderDaysBefore, 0, 30);
    if (cleaned.name.empty()) return ParcelError::NameMissing;
    const std::string failure = databaseFailureOf([&] {
        store_.inTransaction([&] {
            store_.updateCarrier(cleaned, clock_.nowMs());
            staff_.audit(actor, "parcels.carrier_update", {{"carrier", cleaned.name}});
        });
    });
    return failure.empty() ? ParcelError::None : ParcelError::StorageFailed;
}

std::vector<std::string> ParcelDesk::allPlaces() const {
    std::vector<std::string> places;
    for (const std::string& shelf : settings_.shelves)
        for (int i = 1; i <= settings_.placesPerShelf; ++i) places.push_back(shelf + std::to_string(i));
    return places;
}

std::optional<std::string> ParcelDesk::suggestFreePlace() {
    const std::vector<std::string> taken = store_.occupiedPlaces();
    const std::set<std::string> occupied(taken.begin(), taken.end());
    for (const std::string& place : allPlaces())
        if (occupied.count(place) == 0) return place;
    return std::nullopt;
}

std::optional<std::string> ParcelDesk::newPickupCode() {
    // 26^6 codes for a few hundred parcels: a collision is rare, and a second draw settles it.
    for (int attempt = 0; attempt < 20; ++attempt) {
        std::string code;
        for (std::size_t i = 0; i < kPickupCodeLength; ++i)
            code += kPickupCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kPickupCodeAlphabet.size()))];
        if (!store_.codeOnShelf(code)) return code;
    }
    return std::nullopt;
}

std::vector<Parcel> ParcelDesk::onShelfByCode(const std::string& code) {
    const std::string normalized = normalizePickupCode(code);
    if (!isPickupCodeShape(normalized)) return {};
    return store_.onShelfByCode(normalized);
}

std::vector<Parcel> ParcelDesk::onShelfNamed(const std::string& fragment) {
    const std::string cleaned = cleanUserText(fragment, 60);
    if (cleaned.empty()) return store_.onShelf();
    return store_.onShelfNamed(cleaned);
}

IntakeResult ParcelDesk::receive(const StaffSession* actor, const IntakeInput& input) {
    IntakeResult result;
    if (!mayRunRelayPoint(actor)) {
        staff_.audit(actor, "parcels.refused", {{"attempt_key", "audit.attempt.receive_parcel"}});
        result.error = ParcelError::NotAllowed;
        return result;
    }
    const TrackingCheck tracking = checkTrackingNumber(input.tracking);
    if (tracking.problem != TrackingProblem::None &&
        !(tracking.problem == TrackingProblem::MisScan && input.acceptMisScan)) {
        result.error = trackingError(tracking.problem);
        return result;
    }
    const std::string carrierCode = input.carrierCode.empty() ? tracking.carrierCode : lowerAscii(input.carrierCode);
    if (carrierCode.empty()) {
        result.error = ParcelError::CarrierNeeded;
        return result;
    }
    result.carrier = store_.carrierByCode(carrierCode);
    if (!result.carrier) {
        result.error = input.carrierCode.empty() ? ParcelError::CarrierNeeded : ParcelError::CarrierUnknown;
        return result;
    }
    if (auto existing = store_.onShelfByTracking(tracking.normalized)) {
        result.error = ParcelError::AlreadyOnShelf;
        result.parcel = std::move(existing);
        return result;
    }
    const std::string name = cleanUserText(input.recipient, 10 * kMaxNameLength);
    if (name.empty()) {
        result.error = ParcelError::NameMissing;
        return result;
    }
    if (countCodepoints(name) > kMaxNameLength) {
        result.error = ParcelError::NameTooLong;
        return result;
    }
    std::optional<std::string> phone;
    if (!trimmed(input.phone).empty()) {
        phone = normalizePhone(input.phone);
        if (!phone) {
            result.error = ParcelError::PhoneInvalid;
            return result;
        }
    }
    std::optional<std::string> email;
    if (!trimmed(input.email).empty() || hasControlCharacter(input.email)) {
        email = normalizeEmail(input.email);
        if (!email) {
            result.error = ParcelError::EmailInvalid;
            return result;
        }
    }
    if (input.codCents < 0 || input.codCents > kMaxCodCents) {
        result.error = ParcelError::AmountInvalid;
        return result;
    }
    std::optional<std::string> place;
    const std::string typedPlace = normalizePickupCode(input.place);  // upper case, no spaces
    if (typedPlace.empty()) {
        place = suggestFreePlace();
        if (!place) {
            result.error = ParcelError::ShelfFull;
            return result;
        }
    } else if (typedPlace == kFloorPlace || typedPlace == "FLOOR") {
        place = kFloorPlace;
    } else {
        const auto places = allPlaces();
        if (std::find(places.begin(), places.end(), typedPlace) == places.end()) {
            result.error = ParcelError::PlaceInvalid;
            return result;
        }
        place = typedPlace;
    }

    // A resident with a parcel already waiting keeps one code for all of them: one code to type, one visit.
    std::optional<std::string> code;
    for (const Parcel& waiting : store_.onShelfNamed(name))
        if (lowerAscii(waiting.recipientName) == lowerAscii(name) && waiting.recipientPhone == phone &&
            waiting.recipientEmail == email && waiting.pickupCode)
            code = waiting.pickupCode;
    if (!code) code = newPickupCode();
    if (!code) {
        result.error = ParcelError::StorageFailed;
        result.failure = "no free pickup code could be drawn";
        return result;
    }

    storage::NewParcel parcel;
    parcel.direction = storage::ParcelDirection::Incoming;
    parcel.carrierId = result.carrier->id;
    parcel.tracking = tracking.normalized;
    parcel.recipientName = name;
    parcel.recipientPhone = phone;
    parcel.recipientEmail = email;
    parcel.shelfPlace = place;
    parcel.pickupCode = code;
    parcel.deadlineDay = calendar_.deadline(today(), result.carrier->holdDays, result.carrier->holdBasis);
    parcel.codCents = input.codCents;

    // The parcel, its arrival messages and its audit line are stored together or not at all: a full disk leaves
    // neither a parcel nobody was told of nor a message about a parcel the kiosk does not know.
    result.failure = databaseFailureOf([&] {
        store_.inTransaction([&] {
            result.parcel = store_.insert(parcel, clock_.nowMs());
            result.messagesQueued = queueArrivalMessages(*result.parcel);
            staff_.audit(actor, "parcels.receive",
                         {{"carrier", result.carrier->name}, {"tracking", tracking.normalized}, {"recipient", result.parcel->recipientName}});
        });
    });
    if (!result.failure.empty()) {
        result.error = ParcelError::StorageFailed;
        result.parcel.reset();
        result.messagesQueued = 0;
        return result;
    }
    result.onCallList = !phone && !email;
    printLabel(*result.parcel, *result.carrier);
    return result;
}

int ParcelDesk::queueMessage(const Parcel& parcel, const char* purpose, const char* smsKey, const char* subjectKey,
                             const char* emailKey) {
    const Carrier carrier = store_.carrierById(parcel.carrierId).value_or(Carrier{});
    const std::string deadline = parcel.deadlineDay ? shownDeadline(*parcel.deadlineDay) : "";
    auto fill = [&](const char* key) {
        return i18n::trf(key, {{"relay", settings_.relayName},
                               {"address", settings_.relayAddress},
                               {"hours", settings_.openingHours},
                               {"code", parcel.pickupCode.value_or("")},
                               {"deadline", deadline},
                               {"carrier", carrier.name}});
    };
    storage::OutboxStore outbox(db_);
    int queued = 0;
    const std::string dedupe = "parcel:" + parcel.id + ":" + purpose;
    if (parcel.recipientPhone) {
        storage::OutgoingMessage sms;
        sms.channel = storage::OutboxChannel::Sms;
        sms.recipient = *parcel.recipientPhone;
        sms.body = fill(smsKey);
        sms.purpose = std::string("parcel.") + purpose;
        sms.relatedId = parcel.id;
        sms.dedupeKey = dedupe + ":sms";
        if (outbox.enqueue(sms, clock_.nowMs())) ++queued;
    }
    if (parcel.recipientEmail) {
        storage::OutgoingMessage mail;
        mail.channel = storage::OutboxChannel::Email;
        mail.recipient = *parcel.recipientEmail;
        mail.subject = fill(subjectKey);
        mail.body = fill(emailKey);
        mail.purpose = std::string("parcel.") + purpose;
        mail.relatedId = parcel.id;
        mail.dedupeKey = dedupe + ":email";
        if (outbox.enqueue(mail, clock_.nowMs())) ++queued;
    }
    return queued;
}

int ParcelDesk::queueArrivalMessages(const Parcel& parcel) {
    return queueMessage(parcel, "arrival", "parcels.message.arrival_sms", "parcels.message.arrival_subject",
                        "parcels.message.arrival_email");
}

int ParcelDesk::queueReminders() {
    const std::string day = today();
    int queued = 0;
    for (const Parcel& parcel : store_.deadlineBetween(day, health::addDays(day, kReminderHorizonDays))) {
        if (!parcel.deadlineDay || (!parcel.recipientPhone && !parcel.recipientEmail)) continue;
        const Carrier carrier = store_.carrierById(parcel.carrierId).value_or(Carrier{});
        const bool lastDay = *parcel.deadlineDay == day;
        const bool reminderDue = carrier.reminderDaysBefore > 0 && !lastDay &&
                                 health::addDays(*parcel.deadlineDay, -carrier.reminderDaysBefore) <= day;
        if (lastDay && !parcel.lastDayQueued) {
            store_.inTransaction([&] {
                queued += queueMessage(parcel, "last_day", "parcels.message.last_day_sms",
                                       "parcels.message.last_day_subject", "parcels.message.last_day_email");
                store_.markReminderQueued(parcel.id, true, clock_.nowMs());
            });
        } else if (reminderDue && !parcel.reminderQueued) {
            store_.inTransaction([&] {
                queued += queueMessage(parcel, "reminder", "parcels.message.reminder_sms",
                                       "parcels.message.reminder_subject", "parcels.message.reminder_email");
                store_.markReminderQueued(parcel.id, false, clock_.nowMs());
            });
        }
    }
    return queued;
}

HandOverResult ParcelDesk::handOver(const StaffSession* actor, const HandOverInput& input) {
    HandOverResult result;
    if (!mayRunRelayPoint(actor)) {
        staff_.audit(actor, "parcels.refused", {{"attempt_key", "audit.attempt.hand_over_parcel"}});
        result.error = ParcelError::NotAllowed;
        return result;
    }
    if (input.parcelIds.empty()) {
        result.error = ParcelError::NothingToHandOver;
        return result;
    }
    if (!input.idChecked) {
        result.error = ParcelError::IdNotChecked;
        return result;
    }
    const std::string collector = cleanUserText(input.collectedBy, kMaxNameLength);
    if (!input.collectedBy.empty() && collector.empty()) {
        result.error = ParcelError::CollectorNameMissing;
        return result;
    }
    storage::PickupRecord record;
    if (!collector.empty()) record.collectedByName = collector;
    record.idCheckedBy = actor->displayName;
    record.signature = encodeSignature(input.signature);
    result.failure = databaseFailureOf([&] {
        store_.inTransaction([&] {
            for (const std::string& id : input.parcelIds) {
                if (!store_.markPickedUp(id, record, clock_.nowMs())) continue;
                result.parcels.push_back(*store_.find(id));
                result.codCents += result.parcels.back().codCents;
                const Parcel& handed = result.parcels.back();
                if (collector.empty())
                    staff_.audit(actor, "parcels.hand_over", {{"tracking", handed.tracking}, {"recipient", handed.recipientName}});
                else
                    staff_.audit(actor, "parcels.hand_over_to_someone_else",
                                 {{"tracking", handed.tracking}, {"recipient", handed.recipientName}, {"collector", collector}});
            }
        });
    });
    if (!result.failure.empty()) {
        result.error = ParcelError::StorageFailed;
        result.parcels.clear();
        result.codCents = 0;
        return result;
    }
    if (result.parcels.empty()) {
        result.error = ParcelError::NotFound;
        return result;
    }
    printProofOfDelivery(result.parcels, *actor, collector, input.signature, result.codCents);
    return result;
}

std::vector<CarrierBatch> ParcelDesk::dueForReturn() {
    std::vector<CarrierBatch> batches;
    for (Parcel& parcel : store_.dueForReturn(today())) {
        if (batches.empty() || batches.back().carrier.id != parcel.carrierId)
            batches.push_back({store_.carrierById(parcel.carrierId).value_or(Carrier{}), {}});
        batches.back().parcels.push_back(std::move(parcel));
    }
    return batches;
}

HandoverResult ParcelDesk::handOverBatch(const StaffSession* actor, const std::string& carrierCode,
                                         storage::HandoverKind kind, const Signature& driverSignature) {
    HandoverResult result;
    const bool isReturn = kind == storage::HandoverKind::Return;
    if (!mayRunRelayPoint(actor)) {
        staff_.audit(actor, "parcels.refused",
                     {{"attempt_key", isReturn ? "audit.attempt.return_parcels" : "audit.attempt.hand_over_outgoing"}});
        result.error = ParcelError::NotAllowed;
        return result;
    }
    result.carrier = store_.carrierByCode(lowerAscii(carrierCode));
    if (!result.carrier) {
        result.error = ParcelError::CarrierUnknown;
        return result;
    }
    std::vector<Parcel> batch;
    if (isReturn) {
        for (Parcel& parcel : store_.dueForReturn(today()))
            if (parcel.carrierId == result.carrier->id) batch.push_back(std::move(parcel));
    } else {
        batch = store_.depositedFor(result.carrier->id);
    }
    if (batch.empty()) {
        result.error = ParcelError::NothingToHandOver;
        return result;
    }
    const ParcelStatus from = isReturn ? ParcelStatus::OnShelf : ParcelStatus::Deposited;
    const ParcelStatus to = isReturn ? ParcelStatus::Returned : ParcelStatus::Collected;
    result.failure = databaseFailureOf([&] {
        store_.inTransaction([&] {
            result.handoverId = store_.insertHandover(result.carrier->id, kind, static_cast<int>(batch.size()),
                                                      actor->displayName, encodeSignature(driverSignature),
                                                      clock_.nowMs());
            for (const Parcel& parcel : batch)
                if (store_.markHandedOver(parcel.id, from, to, result.handoverId, clock_.nowMs()))
                    result.parcels.push_back(*store_.find(parcel.id));
            staff_.audit(actor, isReturn ? "parcels.return" : "parcels.outgoing_handover",
                         {{"carrier", result.carrier->name}, {"count", std::to_string(result.parcels.size())}});
        });
    });
    if (!result.failure.empty()) {
        result.error = ParcelError::StorageFailed;
        result.parcels.clear();
        result.handoverId.clear();
        return result;
    }
    printManifest(*result.carrier, kind, result.parcels, driverSignature);
    return result;
}

HandoverResult ParcelDesk::returnToCarrier(const StaffSession* actor, const std::string& carrierCode,
                                           const Signature& driverSignature) {
    return handOverBatch(actor, carrierCode, storage::HandoverKind::Return, driverSignature);
}

HandoverResult ParcelDesk::handOverOutgoing(const StaffSession* actor, const std::string& carrierCode,
                                            const Signature& driverSignature) {
    return handOverBatch(actor, carrierCode, storage::HandoverKind::Outgoing, driverSignature);
}

std::vector<Parcel> ParcelDesk::callList() {
    std::vector<Parcel> list = store_.onShelf();
    std::erase_if(list, [](const Parcel& p) { return p.recipientPhone || p.recipientEmail; });
    return list;
}

DepositResult ParcelDesk::deposit(const StaffSession* actor, const DepositInput& input) {
    DepositResult result;
    if (!mayRunRelayPoint(actor)) {
        staff_.audit(actor, "parcels.refused", {{"attempt_key", "audit.attempt.deposit_parcel"}});
        result.error = ParcelError::NotAllowed;
        return result;
    }
    const TrackingCheck tracking = checkTrackingNumber(input.tracking);
    if (tracking.problem != TrackingProblem::None &&
        !(tracking.problem == TrackingProblem::MisScan && input.acceptMisScan)) {
        result.error = trackingError(tracking.problem);
        return result;
    }
    const std::string carrierCode = input.carrierCode.empty() ? tracking.carrierCode : lowerAscii(input.carrierCode);
    result.carrier = carrierCode.empty() ? std::nullopt : store_.carrierByCode(carrierCode);
    if (!result.carrier) {
        result.error = input.carrierCode.empty() ? ParcelError::CarrierNeeded : ParcelError::CarrierUnknown;
        return result;
    }
    for (const Parcel& earlier : store_.byTracking(tracking.normalized))
        if (earlier.status == ParcelStatus::Deposited) {
            result.error = ParcelError::AlreadyOnShelf;
            result.parcel = earlier;
            return result;
        }
    storage::NewParcel parcel;
    parcel.direction = storage::ParcelDirection::Outgoing;
    parcel.carrierId = result.carrier->id;
    parcel.tracking = tracking.normalized;
    result.failure = databaseFailureOf([&] {
        store_.inTransaction([&] {
            result.parcel = store_.insert(parcel, clock_.nowMs());
            staff_.audit(actor, "parcels.deposit", {{"carrier", result.carrier->name}, {"tracking", tracking.normalized}});
        });
    });
    if (!result.failure.empty()) {
        result.error = ParcelError::StorageFailed;
        result.parcel.reset();
        return result;
    }
    printProofOfDeposit(*result.parcel, *result.carrier);
    return result;
}

std::vector<CarrierBatch> ParcelDesk::outgoingWaiting() {
    std::vector<CarrierBatch> batches;
    for (const Carrier& carrier : store_.carriers()) {
        auto parcels = store_.depositedFor(carrier.id);
        if (!parcels.empty()) batches.push_back({carrier, std::move(parcels)});
    }
    return batches;
}

std::int64_t ParcelDesk::codCollectedCents(const std::string& day) {
    const health::DayRange range = health::localDayRange(day);
    return store_.codCollectedBetween(range.fromMs, range.toMs);
}

void ParcelDesk::writeCsv(std::ostream& out) {
    std::map<std::string, std::string> carrierCodes;
    for (const Carrier& carrier : store_.carriers()) carrierCodes[carrier.id] = carrier.code;
    out << "id;direction;carrier;tracking;status;recipient;phone;email;shelf_place;pickup_code;received_at;"
           "deadline;cod_cents;picked_up_at;collected_by;id_checked_by\n";
    store_.forEach([&](const Parcel& p) {
        const auto carrier = carrierCodes.find(p.carrierId);
        out << p.id << ';' << (p.direction == storage::ParcelDirection::Incoming ? "incoming" : "outgoing") << ';'
            << (carrier == carrierCodes.end() ? p.carrierId : carrier->second) << ';' << csvField(p.tracking) << ';'
            << storage::parcelStatusKey(p.status) << ';' << csvField(p.recipientName) << ';'
            << csvField(p.recipientPhone.value_or("")) << ';' << csvField(p.recipientEmail.value_or("")) << ';'
            << csvField(p.shelfPlace.value_or("")) << ';' << p.pickupCode.value_or("") << ';' << isoLocal(p.receivedAt)
            << ';' << p.deadlineDay.value_or("") << ';' << p.codCents << ';'
            << (p.pickedUpAt ? isoLocal(*p.pickedUpAt) : "") << ';' << csvField(p.collectedByName.value_or(""))
            << ';' << csvField(p.idCheckedBy.value_or("")) << '\n';
    });
}

// ---- Paper ----

void ParcelDesk::printLabel(const Parcel& parcel, const Carrier& carrier) {
    // Stuck on the parcel: the place and the code large, for the shelf and for the pickup.
    hardware::Receipt label;
    label.kind = "parcel_label";
    label.lines = {
        {parcel.shelfPlace.value_or(""), true, true, true},
        {parcel.recipientName, false, true, true},
        {carrier.name + " · " + parcel.tracking, false, false, true},
        {i18n::trf("parcels.label.deadline", {{"deadline", parcel.deadlineDay.value_or("")}}), false, false, true},
        {i18n::trf("parcels.label.code", {{"code", parcel.pickupCode.value_or("")}}), true, true, true},
    };
    if (parcel.codCents > 0)
        label.lines.push_back({i18n::trf("parcels.label.cod", {{"amount", formatEuros(parcel.codCents)}}), false, true, true});
    label.add(hardware::Barcode{hardware::BarcodeSymbology::Code128, parcel.pickupCode.value_or(""), 80, true});
    printer_.submit(label);
}

void ParcelDesk::printProofOfDelivery(const std::vector<Parcel>& parcels, const StaffSession& actor,
                                      const std::string& collectedBy, const Signature& signature,
                                      std::int64_t codCents) {
    hardware::Receipt proof;
    proof.kind = "parcel_proof_of_delivery";
    proof.lines = {
        {settings_.relayName, false, true, true},
        {i18n::tr("parcels.proof.delivery_title"), false, true, true},
        {i18n::longDate(clock_.nowMs()) + " " + i18n::clockTime(clock_.nowMs()), false, false, true},
    };
    proof.add(hardware::Separator{});
    for (const Parcel& parcel : parcels) {
        const Carrier carrier = store_.carrierById(parcel.carrierId).value_or(Carrier{});
        proof.add(hardware::columns(carrier.name, parcel.tracking));
    }
    proof.add(hardware::Separator{});
    const std::string recipient = parcels.front().recipientName;
    proof.add(hardware::ReceiptLine{
        collectedBy.empty() ? i18n::trf("parcels.proof.collected_by_recipient", {{"name", recipient}})
                            : i18n::trf("parcels.proof.collected_for", {{"name", collectedBy}, {"recipient", recipient}})});
    proof.add(hardware::ReceiptLine{i18n::trf("parcels.proof.id_checked_by", {{"name", actor.displayName}})});
    if (codCents > 0)
        proof.add(hardware::ReceiptLine{i18n::trf("parcels.proof.cod", {{"amount", formatEuros(codCents)}}), false, true});
    if (!signature.empty()) {
        proof.add(hardware::ReceiptLine{i18n::tr("parcels.proof.signature")});
        proof.add(signatureImage(signature, 320));
    }
    printer_.submit(proof);
}

void ParcelDesk::printManifest(const Carrier& carrier, storage::HandoverKind kind, const std::vector<Parcel>& parcels,
                               const Signature& driverSignature) {
    const bool isReturn = kind == storage::HandoverKind::Return;
    hardware::Receipt manifest;
    manifest.kind = isReturn ? "parcel_return_manifest" : "parcel_outgoing_manifest";
    manifest.lines = {
        {settings_.relayName, false, true, true},
        {i18n::trf(isReturn ? "parcels.manifest.return_title" : "parcels.manifest.outgoing_title",
                   {{"carrier", carrier.name}}),
         false, true, true},
        {i18n::longDate(clock_.nowMs()) + " " + i18n::clockTime(clock_.nowMs()), false, false, true},
    };
    manifest.add(hardware::Separator{});
    for (const Parcel& parcel : parcels)
        manifest.add(hardware::columns(parcel.shelfPlace.value_or(""), parcel.tracking));
    manifest.add(hardware::Separator{});
    manifest.add(hardware::ReceiptLine{
        i18n::trn("parcels.manifest.count", parcels.size(), {{"count", std::to_string(parcels.size())}}), false, true});
    if (!driverSignature.empty()) {
        manifest.add(hardware::ReceiptLine{i18n::tr("parcels.manifest.driver_signature")});
        manifest.add(signatureImage(driverSignature, 320));
    } else {
        manifest.add(hardware::ReceiptLine{i18n::tr("parcels.manifest.driver_signature")});
        manifest.add(hardware::PaperFeed{4});
    }
    printer_.submit(manifest);
}

void ParcelDesk::printProofOfDeposit(const Parcel& parcel, const Carrier& carrier) {
    hardware::Receipt proof;
    proof.kind = "parcel_proof_of_deposit";
    proof.lines = {
        {settings_.relayName, false, true, true},
        {i18n::tr("parcels.proof.deposit_title"), false, true, true},
        {i18n::longDate(parcel.receivedAt) + " " + i18n::clockTime(parcel.receivedAt), false, false, true},
        {carrier.name, false, false, true},
        {parcel.tracking, true, true, true},
    };
    proof.add(hardware::Barcode{hardware::BarcodeSymbology::Code128, parcel.tracking, 60, false});
    printer_.submit(proof);
}

void ParcelDesk::printCallList() {
    hardware::Receipt list;
    list.kind = "parcel_call_list";
    list.lines = {{i18n::tr("parcels.call_list.title"), false, true, true},
                  {i18n::longDate(clock_.nowMs()), false, false, true}};
    list.add(hardware::Separator{});
    for (const Parcel& parcel : callList())
        list.add(hardware::columns(parcel.recipientName, parcel.shelfPlace.value_or("")));
    printer_.submit(list);
}

}  // namespace vk::services::parcels
