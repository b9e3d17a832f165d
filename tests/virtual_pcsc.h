#pragma once
// The real pcsc-lite for tests: pcscd with vsmartcard's virtual reader (vpcd), and a card played by the test on it.
// The hardware tests read a card through it; the health UI test checks a patient in with one.

#include "eventually.h"
#include "skip.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <winscard.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace vk::test {

inline constexpr char kPcscd[] = "/usr/sbin/pcscd";
inline constexpr char kVpcdDriver[] = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
inline constexpr char kVirtualReaderName[] = "Virtual PCD";

// A contactless card as vpcd's protocol knows it (vsmartcard's "vicc" protocol): a TCP client to the port of the
// reader slot; each message is a 2-byte big-endian length then the bytes. One byte alone is a control: 0 power
// off, 1 power on, 2 reset (no answer), 4 ATR (answered with the ATR); anything longer is an APDU. Closing the
// connection takes the card off the reader. GET DATA (FF CA) is answered the way a PC/SC contactless reader
// answers it for the card, which is all the kiosk asks.
class VirtualCard {
public:
    VirtualCard(std::uint16_t port, std::vector<std::uint8_t> uid) : uid_(std::move(uid)) {
        thread_ = std::thread([this, port] { run(port); });
    }
    ~VirtualCard() {
        stop_ = true;
        thread_.join();
    }
    bool connected() const { return connected_; }
    // pcscd asks vpcd whether the card is still there by asking it for the ATR, every 400 ms or so: each ATR asked
    // after the first power-up is one more look at a card that stayed.
    int atrRequests() const { return atrRequests_; }

private:
    void run(std::uint16_t port) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        int fd = -1;
        while (!stop_ && std::chrono::steady_clock::now() < deadline) {
            fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_port = htons(port);
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) break;
            ::close(fd);
            fd = -1;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (fd < 0) return;
        connected_ = true;
        while (!stop_) {
            pollfd ready{fd, POLLIN, 0};
            if (::poll(&ready, 1, 20) <= 0) continue;
            std::uint8_t header[2];
            if (::recv(fd, header, 2, MSG_WAITALL) != 2) break;
            std::vector<std::uint8_t> message(static_cast<std::size_t>((header[0] << 8U) | header[1]));
            if (!message.empty() &&
                ::recv(fd, message.data(), message.size(), MSG_WAITALL) != static_cast<ssize_t>(message.size())) {
                break;
            }
            if (message.size() == 1) {
                if (message[0] == 4) {
                    send(fd, kAtr);
                    ++atrRequests_;
                }
            } else if (message.size() >= 2 && message[0] == 0xFF && message[1] == 0xCA) {
                std::vector<std::uint8_t> answer = uid_;
                answer.push_back(0x90);
                answer.push_back(0x00);
                send(fd, answer);
            } else {
                send(fd, std::vector<std::uint8_t>{0x6D, 0x00});  // instruction not supported
            }
        }
        ::close(fd);
    }

    static void send(int fd, const std::vector<std::uint8_t>& bytes) {
        std::vector<std::uint8_t> framed{static_cast<std::uint8_t>(bytes.size() >> 8U), static_cast<std::uint8_t>(bytes.size())};
        framed.insert(framed.end(), bytes.begin(), bytes.end());
        [[maybe_unused]] const ssize_t sent = ::send(fd, framed.data(), framed.size(), MSG_NOSIGNAL);
    }

    // The ATR a PC/SC reader makes up for a MIFARE card (PC/SC part 3): T=1, RID A0 00 00 03 06, card name.
    inline static const std::vector<std::uint8_t> kAtr{0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00,
                                   0x03, 0x06, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x6A};
    std::vector<std::uint8_t> uid_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> connected_{false};
    std::atomic<int> atrRequests_{0};
    std::thread thread_;
};

inline bool pcscdAnswers() {
    SCARDCONTEXT context = 0;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context) != SCARD_S_SUCCESS) return false;
    SCardReleaseContext(context);
    return true;
}

// pcscd of our own, with only the virtual reader on a port of ours; stopped (by its pid) at the end.
class PrivatePcscd {
public:
    static constexpr std::uint16_t kPort = 0x9C7B;

    PrivatePcscd() {
        std::string pattern = (std::filesystem::temp_directory_path() / "vk-pcscd-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) return;
        dir_ = pattern;
        std::ofstream(dir_ / "vpcd") << "FRIENDLYNAME \"Virtual PCD\"\n"
                                     << "DEVICENAME /dev/null:" << kPort << "\n"
                                     << "LIBPATH " << kVpcdDriver << "\n"
                                     << "CHANNELID " << kPort << "\n";
        const std::string config = dir_.string();
        char* const argv[] = {const_cast<char*>(kPcscd), const_cast<char*>("--foreground"),
                              const_cast<char*>("--config"), const_cast<char*>(config.c_str()), nullptr};
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        if (posix_spawn(&pid_, kPcscd, &actions, nullptr, argv, environ) != 0) pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~PrivatePcscd() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
            while (::waitpid(pid_, &status, WNOHANG) == 0) {
                if (std::chrono::steady_clock::now() > deadline) {
                    ::kill(pid_, SIGKILL);
                    ::waitpid(pid_, &status, 0);
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
        std::error_code ignored;
        if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
    }
    bool started() const { return pid_ > 0; }

private:
    std::filesystem::path dir_;
    pid_t pid_ = -1;
};

// The real PC/SC stack with the virtual reader on it: the running pcscd when it answers (vsmartcard-vpcd's own
// /etc/reader.conf.d/vpcd gives it the reader on port 0x8C7B), else a pcscd of our own. What stands in the way is
// a skip only when a tool is missing or a system pcscd must be restarted; as root nothing stands in the way of ours,
// so there it is a failure.
class VirtualPcscStack {
public:
    struct Obstacle {
        bool failure = false;
        std::string why;
    };

    VirtualPcscStack() {
        // One stack at a time on this machine: two test programs (CTest runs them side by side) would each find
        // the other's pcscd, or fight over /run/pcscd.
        lockFd_ = ::open((std::filesystem::temp_directory_path() / "village-kiosk-pcscd.lock").c_str(),
                         O_CREAT | O_RDWR | O_CLOEXEC, 0666);
        if (lockFd_ >= 0) ::flock(lockFd_, LOCK_EX);
        if (!std::filesystem::exists(kPcscd) || !std::filesystem::exists(kVpcdDriver)) {
            obstacle_ = Obstacle{false, "needs pcscd and vsmartcard-vpcd (./install-deps.sh --tests)"};
            return;
        }
        if (pcscdAnswers()) return;
        ownPcscd_.emplace();
        port_ = PrivatePcscd::kPort;
        if (!ownPcscd_->started() || !eventually(pcscdAnswers, std::chrono::seconds(5))) {
            if (::geteuid() == 0) obstacle_ = Obstacle{true, "pcscd started with vpcd's reader does not answer"};
            else obstacle_ = Obstacle{false, "no pcscd running, and this user cannot start one (it needs to create "
                                             "/run/pcscd, i.e. root)"};
        }
    }

    ~VirtualPcscStack() {
        ownPcscd_.reset();
        if (lockFd_ >= 0) ::close(lockFd_);  // and with it the lock
    }
    VirtualPcscStack(const VirtualPcscStack&) = delete;
    VirtualPcscStack& operator=(const VirtualPcscStack&) = delete;

    const std::optional<Obstacle>& obstacle() const { return obstacle_; }
    std::uint16_t port() const { return port_; }

    // The PcscReader watching kVirtualReaderName never said it was ready (`status` is what it says instead).
    Obstacle noReader(const std::string& status) const {
        if (!ownPcscd_) return noVirtualReader("has no \"Virtual PCD\" reader (" + status + ")");
        return {true, "our pcscd shows no virtual reader: " + status};
    }
    // The card could not reach the reader's port.
    Obstacle portClosed() const {
        if (!ownPcscd_) return noVirtualReader("does not listen on vpcd's port " + std::to_string(port_));
        return {true, "our pcscd does not listen on vpcd's port " + std::to_string(port_)};
    }

private:
    // The system's pcscd (socket-activated) reads /etc/reader.conf.d when it starts: one started before
    // vsmartcard-vpcd was installed has no virtual reader until it restarts. Ours always has it.
    static Obstacle noVirtualReader(const std::string& what) {
        return {false, "the running pcscd " + what + ": restart it (systemctl restart pcscd) after installing "
                       "vsmartcard-vpcd"};
    }

    int lockFd_ = -1;
    std::optional<PrivatePcscd> ownPcscd_;
    std::uint16_t port_ = 0x8C7B;  // vsmartcard-vpcd's own /etc/reader.conf.d/vpcd, for a pcscd already running
    std::optional<Obstacle> obstacle_;
};

// Ends the test where the stack cannot be had: a failure fails it, anything else skips it. Returns true when the
// test must return now.
inline bool stopsHere(const std::optional<VirtualPcscStack::Obstacle>& obstacle) {
    if (!obstacle) return false;
    if (obstacle->failure) FAIL(obstacle->why);
    skip(obstacle->why);
    return true;
}

}  // namespace vk::test
