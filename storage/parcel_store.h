#pragma once
// The relay point's tables: carriers, parcels in and out, handovers to drivers. What a deadline is, who may hand a
// parcel over and which messages go out live in kiosk/services/parcels/; this file stores what it is given. The
// steps that must not be split (a parcel and its arrival messages) run inside inTransaction.

#include "storage/database.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::storage {

enum class HoldBasis { CalendarDays, OpeningDays };

struct Carrier {
    std::string id;
    std::string code;  // "mondial-relay": what the command line and the tracking rules use
    std::string name;  // "Mondial Relay"
    int holdDays = 7;
    HoldBasis holdBasis = HoldBasis::CalendarDays;
    int reminderDaysBefore = 2;
    std::optional<int> maxWeightGrams;
    std::optional<int> maxLengthCm;
    std::string returnRules;
    bool collectsCod = false;
    std::string termsDated;  // "2026-12": when the terms were last read from the carrier
    std::int64_t updatedAt = 0;
};

enum class ParcelDirection { Incoming, Outgoing };
enum class ParcelStatus { OnShelf, PickedUp, Returned, Deposited, Collected };

std::string_view parcelStatusKey(ParcelStatus status);  // "on_shelf", "picked_up", "returned", "deposited", "collected"

struct Parcel {
    std::string id;
    ParcelDirection direction = ParcelDirection::Incoming;
    std::string carrierId;
    std::string tracking;
    ParcelStatus status = ParcelStatus::OnShelf;
    std::string recipientName;
    std::optional<std::string> recipientPhone;
    std::optional<std::string> recipientEmail;
    std::optional<std::string> shelfPlace;
    std::optional<std::string> pickupCode;
    std::int64_t receivedAt = 0;
    std::optional<std::string> deadlineDay;  // local "YYYY-MM-DD", the last day it waits
    std::int64_t codCents = 0;
    std::optional<std::int64_t> pickedUpAt;
    std::optional<std::string> collectedByName;  // set when someone other than the recipient took it
    std::optional<std::string> idCheckedBy;      // the staff member who checked an identity document
    std::vector<std::uint8_t> signature;
    std::optional<std::string> handoverId;
    bool reminderQueued = false;
    bool lastDayQueued = false;
    std::optional<std::int64_t> closedAt;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

struct NewParcel {
    ParcelDirection direction = ParcelDirection::Incoming;
    std::string carrierId;
    std::string tracking;
    std::string recipientName;
    std::optional<std::string> recipientPhone;
    std::optional<std::string> recipientEmail;
    std::optional<std::string> shelfPlace;
    std::optional<std::string> pickupCode;
    std::optional<std::string> deadlineDay;
    std::int64_t codCents = 0;
};

struct PickupRecord {
    std::optional<std::string> collectedByName;
    std::string idCheckedBy;
    std::vector<std::uint8_t> signature;
};

enum class HandoverKind { Return, Outgoing };

class ParcelStore {
public:
    explicit ParcelStore(Database& db) : db_(db) {}

    // Runs `work` in one IMMEDIATE transaction: committed if it returns, rolled back if it throws. Not re-entrant.
    void inTransaction(const std::function<void()>& work);

    std::vector<Carrier> carriers();  // live ones, by name
    std::optional<Carrier> carrierByCode(const std::string& code);
    std::optional<Carrier> carrierById(const std::string& id);
    void updateCarrier(const Carrier& carrier, std::int64_t nowMs);

    Parcel insert(const NewParcel& parcel, std::int64_t nowMs);
    std::optional<Parcel> find(const std::string& id);
    std::optional<Parcel> onShelfByTracking(const std::string& tracking);
    std::vector<Parcel> byTracking(const std::string& tracking);  // any status, newest first
    std::vector<Parcel> onShelfByCode(const std::string& code);
    bool codeOnShelf(const std::string& code);
    std::vector<Parcel> onShelf();  // by shelf place
    std::vector<std::string> occupiedPlaces();
    // On the shelf, the recipient's name containing `fragment` (any case, ASCII), by place.
    std::vector<Parcel> onShelfNamed(const std::string& fragment);
    // On the shelf with a deadline before `today`: due for return, by carrier then shelf place.
    std::vector<Parcel> dueForReturn(const std::string& today);
    // On the shelf with a deadline from `fromDay` to `toDay` (both included), by deadline.
    std::vector<Parcel> deadlineBetween(const std::string& fromDay, const std::string& toDay);
    std::vector<Parcel> withStatus(ParcelStatus status, int limit);  // newest first
    std::vector<Parcel> depositedFor(const std::string& carrierId);  // outgoing, waiting for the driver
    // Every parcel, oldest first, for the export.
    void forEach(const std::function<void(const Parcel&)>& visit);

    // Each returns false when the parcel was no longer in the state it needs (someone else got there first).
    bool markPickedUp(const std::string& id, const PickupRecord& record, std::int64_t nowMs);
    bool markHandedOver(const std::string& id, ParcelStatus from, ParcelStatus to, const std::string& handoverId,
                        std::int64_t nowMs);
    void markReminderQueued(const std::string& id, bool lastDay, std::int64_t nowMs);
    std::string insertHandover(const std::string& carrierId, HandoverKind kind, int parcelCount,
                               const std::string& staffName, const std::vector<std::uint8_t>& driverSignature,
                               std::int64_t nowMs);

    // Cash on delivery of the parcels picked up in [fromMs, toMs).
    std::int64_t codCollectedBetween(std::int64_t fromMs, std::int64_t toMs);

    // SQLite's plan for the lookups the scanner, the keypad and the returns list make, so that a test can prove
    // that none of them scans the table.
    std::vector<std::string> lookupQueryPlans();

private:
    Database& db_;
};

}  // namespace vk::storage
