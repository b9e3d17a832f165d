#pragma once
#include <string>

namespace vk::services {

// Argon2id through libsodium. Interactive strength on the kiosk (about a tenth of a second and 64 MiB per
// check, which makes guessing a stolen database's 4-8 digit PINs slow); the fastest strength in tests only.
class PinHasher {
public:
    enum class Strength { Interactive, FastForTests };
    explicit PinHasher(Strength strength = Strength::Interactive);

    std::string hash(const std::string& pin) const;
    bool verify(const std::string& storedHash, const std::string& pin) const;

private:
    unsigned long long opsLimit_;
    std::size_t memLimit_;
};

}  // namespace vk::services
