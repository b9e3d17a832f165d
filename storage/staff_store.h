#pragma once
// Staff accounts and their wrong-PIN throttles. Hashing and the lockout policy live in the staff service;
// this file only stores what it is given.

#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::storage {

enum class StaffRole { MedicalAssistant, CafeManager, Admin };

std::string_view roleKey(StaffRole role);  // "medical_assistant", "cafe_manager", "admin"
std::optional<StaffRole> roleFromKey(std::string_view key);

struct StaffAccount {
    std::string id;
    std::string displayName;
    StaffRole role = StaffRole::CafeManager;
    std::string pinHash;
    std::optional<std::string> cardDigest;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

struct LoginThrottle {
    int failedCount = 0;
    std::int64_t lockedUntil = 0;  // ms UTC; 0 when not locked
};

class StaffStore {
public:
    explicit StaffStore(Database& db) : db_(db) {}

    std::vector<StaffAccount> listActive();
    std::optional<StaffAccount> findActive(const std::string& id);
    std::optional<StaffAccount> findByCardDigest(const std::string& digest);
    int countActiveAdmins();

    StaffAccount create(const std::string& displayName, StaffRole role, const std::string& pinHash,
                        std::int64_t nowMs);
    void setPinHash(const std::string& id, const std::string& pinHash, std::int64_t nowMs);
    void setRole(const std::string& id, StaffRole role, std::int64_t nowMs);
    void setCardDigest(const std::string& id, const std::optional<std::string>& digest, std::int64_t nowMs);
    void softDelete(const std::string& id, std::int64_t nowMs);

    LoginThrottle throttle(const std::string& id);
    void saveThrottle(const std::string& id, const LoginThrottle& throttle);

private:
    Database& db_;
};

}  // namespace vk::storage
