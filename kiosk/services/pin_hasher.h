#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

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

struct PinVerification {
    std::uint64_t ticket = 0;
    bool matched = false;
};

// Runs PinHasher::verify on a thread of its own, one check after another, so that a tenth of a second of
// argon2id does not freeze the screen. It knows nothing of accounts: it is given a stored hash and a PIN, and
// hands back whether they match. The thread starts with the first check.
class PinVerifyWorker {
public:
    // `wake` is called on the worker's thread each time a check finishes; it must be cheap and thread-safe.
    explicit PinVerifyWorker(std::function<void()> wake = {});
    ~PinVerifyWorker();  // waits for the check under way (if any) and drops those not started
    PinVerifyWorker(const PinVerifyWorker&) = delete;
    PinVerifyWorker& operator=(const PinVerifyWorker&) = delete;

    void submit(std::uint64_t ticket, std::string storedHash, std::string pin);
    std::optional<PinVerification> takeFinished();

private:
    struct Job {
        std::uint64_t ticket = 0;
        std::string storedHash;
        std::string pin;
    };
    void run();

    PinHasher hasher_;  // verify reads its parameters from the stored hash, so the strength does not matter here
    std::function<void()> wake_;
    std::mutex mutex_;
    std::condition_variable jobReady_;
    std::deque<Job> jobs_;
    std::deque<PinVerification> finished_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace vk::services
