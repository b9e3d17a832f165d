#pragma once
// Whether a configured server (a rota feed, an SMTP relay, an SMS gateway) answers at all: its name resolves and
// its port accepts a connection (and, for https:// or smtps://, the TLS handshake succeeds), within a short
// time. Nothing is requested or sent: the doctor asks this of every server a kiosk depends on.

#include <chrono>
#include <string>

namespace vk::net {

struct Reachability {
    bool reached = false;
    long elapsedMs = 0;
    std::string problem;  // libcurl's words when not reached
};

Reachability checkReachable(const std::string& url, std::chrono::milliseconds timeout);

}  // namespace vk::net
