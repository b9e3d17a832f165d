#pragma once
// The territory hub's HTTP(S) server (cpp-httplib): authenticates each kiosk, refuses a malformed payload with a
// message, and hands pushes and pulls to the PostgreSQL store (storage/hub/). The protocol: hub_protocol.h.

#include "net/hub/hub_config.h"

#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace vk::net::hub {

class HubServer {
public:
    explicit HubServer(HubConfig config);
    ~HubServer();
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

    // Binds the address (port 0: any free port); false with `error` set when it cannot (or the certificate does
    // not load). Connects to the database first and creates its tables.
    bool bind(std::string& error);
    int port() const { return port_; }
    // Serves until stop(); blocks.
    void serve();
    // From any thread (a signal handler's thread, a test).
    void stop();

private:
    struct Pool;
    HubConfig config_;
    std::unique_ptr<httplib::Server> server_;
    std::unique_ptr<Pool> pool_;
    int port_ = 0;
};

}  // namespace vk::net::hub
