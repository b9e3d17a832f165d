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

PinVerifyWorker::PinVerifyWorker(std::function<void()> wake)
    : hasher_(PinHasher::Strength::FastForTests), wake_(std::move(wake)) {}

PinVerifyWorker::~PinVerifyWorker() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        for (Job& job : jobs_) sodium_memzero(job.pin.data(), job.pin.size());
        jobs_.clear();
    }
    jobReady_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void PinVerifyWorker::submit(std::uint64_t ticket, std::string storedHash, std::string pin) {
    {
        const std::lock_guard lock(mutex_);
        jobs_.push_back({ticket, std::move(storedHash), std::move(pin)});
        if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
    }
    jobReady_.notify_one();
}

std::optional<PinVerification> PinVerifyWorker::takeFinished() {
    const std::lock_guard lock(mutex_);
    if (finished_.empty()) return std::nullopt;
    const PinVerification done = finished_.front();
    finished_.pop_front();
    return done;
}

void PinVerifyWorker::run() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            jobReady_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        const bool matched = hasher_.verify(job.storedHash, job.pin);
        sodium_memzero(job.pin.data(), job.pin.size());
        {
            const std::lock_guard lock(mutex_);
            if (stopping_) return;
            finished_.push_back({job.ticket, matched});
        }
        if (wake_) wake_();
    }
}

}  // namespace vk::services
