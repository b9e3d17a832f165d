#pragma once
// The relay point's counter: parcels received for residents (intake, shelf, notifications, pickup, returns) and
// prepaid parcels dropped off for the carriers. Every change is made by a café manager, an admin or a system
// actor, audited, and stored with the messages it causes in one transaction; labels, proofs and manifests are
// printed only once the change is stored.

#include "hardware/receipt.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/parcels/opening_calendar.h"
#include "kiosk/services/parcels/parcels_settings.h"
#include "kiosk/services/parcels/pickup_code.h"
#include "kiosk/services/parcels/signature.h"
#include "kiosk/services/parcels/tracking_number.h"
#include "kiosk/services/staff_service.h"
#include "storage/parcel_store.h"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::parcels {

using storage::Carrier;
using storage::Parcel;
using storage::ParcelStatus;

// Why a change was refused; each has a translated message ("parcels.error.<key>", see errorKey).
enum class ParcelError {
    None,
    NotAllowed,          // only the café manager (or an admin) runs the relay point
    TrackingEmpty,
    TrackingUnreadable,  // a garbled scan
    TrackingTooLong,
    TrackingTooShort,
    MisScan,             // the S10 check digit does not match: scan again (or confirm)
    CarrierNeeded,       // the number does not say which carrier: ask
    CarrierUnknown,
    AlreadyOnShelf,      // see IntakeResult::parcel for its place
    NameMissing,
    NameTooLong,
    PhoneInvalid,
    EmailInvalid,        // a line break, a space, no @…
    ShelfFull,           // no free place: type one, or « SOL » for the floor
    PlaceInvalid,
    AmountInvalid,
    IdNotChecked,        // a parcel is handed over only once an identity document was seen
    CollectorNameMissing,
    NotFound,
    NothingToHandOver,
    StorageFailed,       // the database did not take it (full disk…): see `failure`; nothing was kept
};
const char* errorKey(ParcelError error);  // "parcels.error.shelf_full"

struct IntakeInput {
    std::string tracking;     // as scanned or typed
    std::string carrierCode;  // empty: recognised from the number, or CarrierNeeded
    std::string recipient;
    std::string phone;  // optional
    std::string email;  // optional
    std::string place;  // empty: the suggested free place; « SOL » (or "floor") for the floor
    std::int64_t codCents = 0;
    bool acceptMisScan = false;  // the manager looked at the label and confirms the number as it is
};

struct IntakeResult {
    ParcelError error = ParcelError::None;
    std::optional<Parcel> parcel;    // the new parcel; for AlreadyOnShelf the one already there
    std::optional<Carrier> carrier;
    int messagesQueued = 0;          // SMS and e-mails in the outbox
    bool onCallList = false;         // no phone, no e-mail: the manager calls
    std::string failure;             // StorageFailed: why, in English for staff
    bool ok() const { return error == ParcelError::None; }
};

struct HandOverInput {
    std::vector<std::string> parcelIds;
    bool idChecked = false;   // the manager saw an identity document; its number is never typed
    std::string collectedBy;  // empty: the recipient; otherwise the name of who takes it for them
    Signature signature;      // optional
};

struct HandOverResult {
    ParcelError error = ParcelError::None;
    std::vector<Parcel> parcels;
    std::int64_t codCents = 0;  // to collect from the resident
    std::string failure;
    bool ok() const { return error == ParcelError::None; }
};

struct CarrierBatch {
    Carrier carrier;
    std::vector<Parcel> parcels;  // by shelf place (returns) or by time (outgoing)
};

struct HandoverResult {
    ParcelError error = ParcelError::None;
    std::optional<Carrier> carrier;
    std::vector<Parcel> parcels;
    std::string handoverId;
    std::string failure;
    bool ok() const { return error == ParcelError::None; }
};

struct DepositInput {
    std::string tracking;
    std::string carrierCode;  // empty: recognised from the number, or CarrierNeeded
    bool acceptMisScan = false;
};

struct DepositResult {
    ParcelError error = ParcelError::None;
    std::optional<Parcel> parcel;
    std::optional<Carrier> carrier;
    std::string failure;
    bool ok() const { return error == ParcelError::None; }
};

// The café manager or an admin; a system actor too. Null never.
bool mayRunRelayPoint(const StaffSession* actor);

class ParcelDesk {
public:
    ParcelDesk(storage::Database& db, const Clock& clock, StaffService& staff, hardware::ReceiptPrinter& printer,
               ParcelsSettings settings);

    std::vector<Carrier> carriers() { return store_.carriers(); }
    std::optional<Carrier> carrier(const std::string& code) { return store_.carrierByCode(code); }
    std::optional<Carrier> carrierById(const std::string& id) { return store_.carrierById(id); }
    ParcelError updateCarrier(const StaffSession* actor, const Carrier& carrier);

    // ---- In ----
    IntakeResult receive(const StaffSession* actor, const IntakeInput& input);
    // The first free place in shelf order, or nothing when every place holds a parcel.
    std::optional<std::string> suggestFreePlace();
    std::vector<std::string> allPlaces() const;

    std::vector<Parcel> onShelf() { return store_.onShelf(); }
    std::vector<Parcel> onShelfByCode(const std::string& code);
    std::vector<Parcel> onShelfNamed(const std::string& fragment);
    std::optional<Parcel> find(const std::string& id) { return store_.find(id); }
    std::vector<Parcel> withStatus(ParcelStatus status, int limit = 200) { return store_.withStatus(status, limit); }

    HandOverResult handOver(const StaffSession* actor, const HandOverInput& input);

    // Parcels past their deadline this morning, per carrier, by shelf place.
    std::vector<CarrierBatch> dueForReturn();
    // Hands every parcel of `carrierCode` due for return to its driver, prints the manifest and frees the places.
    HandoverResult returnToCarrier(const StaffSession* actor, const std::string& carrierCode,
                                   const Signature& driverSignature = {});

    // Residents without phone nor e-mail whose parcel waits: the manager calls them. Printable.
    std::vector<Parcel> callList();
    void printCallList();

    // Queues the reminders due today (some days before the deadline, and on the last day). Idempotent: each
    // message has a dedupe key and each parcel remembers what was queued. Returns how many were queued.
    int queueReminders();

    // ---- Out ----
    DepositResult deposit(const StaffSession* actor, const DepositInput& input);
    std::vector<CarrierBatch> outgoingWaiting();
    // Gives the driver of `carrierCode` the parcels dropped off for them, with the day's manifest printed.
    HandoverResult handOverOutgoing(const StaffSession* actor, const std::string& carrierCode,
                                    const Signature& driverSignature = {});

    // Cash on delivery taken on the local day `day` ("YYYY-MM-DD"), in cents: for the postal counter's day report.
    std::int64_t codCollectedCents(const std::string& day);

    // Every parcel as CSV (UTF-8, ';' separated, a header row), for the manager's spreadsheet.
    void writeCsv(std::ostream& out);

    const ParcelsSettings& settings() const { return settings_; }
    const OpeningCalendar& calendar() const { return calendar_; }
    storage::ParcelStore& store() { return store_; }

    static constexpr std::size_t kMaxNameLength = 120;
    static constexpr std::size_t kPickupCodeLength = parcels::kPickupCodeLength;

private:
    std::optional<std::string> newPickupCode();
    int queueArrivalMessages(const Parcel& parcel);
    int queueMessage(const Parcel& parcel, const char* purpose, const char* smsKey, const char* subjectKey,
                     const char* emailKey);
    HandoverResult handOverBatch(const StaffSession* actor, const std::string& carrierCode,
                                 storage::HandoverKind kind, const Signature& driverSignature);
    void printLabel(const Parcel& parcel, const Carrier& carrier);
    void printProofOfDelivery(const std::vector<Parcel>& parcels, const StaffSession& actor,
                              const std::string& collectedBy, const Signature& signature, std::int64_t codCents);
    void printManifest(const Carrier& carrier, storage::HandoverKind kind, const std::vector<Parcel>& parcels,
                       const Signature& driverSignature);
    void printProofOfDeposit(const Parcel& parcel, const Carrier& carrier);
    std::string today() const;

    storage::Database& db_;
    storage::ParcelStore store_;
    const Clock& clock_;
    StaffService& staff_;
    hardware::ReceiptPrinter& printer_;
    ParcelsSettings settings_;
    OpeningCalendar calendar_;
};

// Money as people read it: 1250 → "12,50 €".
std::string formatEuros(std::int64_t cents);

}  // namespace vk::services::parcels
