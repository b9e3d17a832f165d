#include "kiosk/services/pin_hasher.h"

#include <sodium.h>

#include <stdexcept>

namespace vk::services {

PinHasher::PinHasher(Strength strength) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not initialise its random source");
    if (strength == Strength::Interactive) {
        opsLimit_ = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        memLimit_ = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    } else {
        opsLimit_ = crypto_pwhash_OPSLIMIT_MIN;
        memLimit_ = crypto_pwhash_MEMLIMIT_MIN;
    }
}

std::string PinHasher::hash(const std::string& pin) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), opsLimit_, memLimit_, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("not enough memory to hash a PIN");
    return out;
}

bool PinHasher::verify(const std::string& storedHash, const std::string& pin) const {
    if (storedHash.empty() || storedHash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(storedHash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace vk::services
