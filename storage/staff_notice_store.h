#pragma once
// Messages for staff that must not be missed (a rota feed that failed, a coming week that changed). They stay on
// the staff home screen until someone acknowledges them.

#include "storage/database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vk::storage {

struct StaffNotice {
    std::int64_t seq = 0;
    std::int64_t at = 0;
    std::string area;  // "rota", "printer"…
    std::string message;
};

class StaffNoticeStore {
public:
    explicit StaffNoticeStore(Database& db) : db_(db) {}

    void add(const std::string& area, const std::string& message, std::int64_t nowMs);
    std::vector<StaffNotice> open();
    void acknowledge(std::int64_t seq, std::int64_t nowMs);

private:
    Database& db_;
};

}  // namespace vk::storage
