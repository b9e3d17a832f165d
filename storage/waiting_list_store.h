#pragma once
// Patients who would take an earlier slot at the health centre. Which of them to call for a freed slot is decided
// in kiosk/services/health/waiting_list.h; this file stores what it is given.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage {

struct WaitingListEntry {
    std::string id;
    std::string surname;
    std::string givenName;
    std::string phone;
    std::optional<std::string> appointmentId;  // the appointment they have now, if any
    std::string availability;                  // « les matins », as they said it
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> resolvedAt;
};

class WaitingListStore {
public:
    explicit WaitingListStore(Database& db) : db_(db) {}

    WaitingListEntry add(const WaitingListEntry& entry, std::int64_t nowMs);
    std::optional<WaitingListEntry> find(const std::string& id);
    // Entries not resolved nor removed, oldest first: whoever asked first is called first.
    std::vector<WaitingListEntry> open();
    // Offered a slot, or no longer wanted; false when it was not open.
    bool resolve(const std::string& id, std::int64_t nowMs);
    bool remove(const std::string& id, std::int64_t nowMs);

private:
    Database& db_;
};

}  // namespace vk::storage
