#pragma once
// A real PostgreSQL for the hub's tests: initdb and pg_ctl in a temporary folder, on a port of its own, on
// 127.0.0.1, stopped and removed at the end. PostgreSQL refuses to run as root, so under root (CI) it runs as the
// postgres user (runuser -u postgres --). One server per test process; each test takes a database of its own.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace vk::test {

class TestPostgres {
public:
    // The process's server, started on first use; nullptr with `whyNot` when PostgreSQL's binaries are absent.
    static TestPostgres* shared(std::string& whyNot);

    // A fresh, empty database; its libpq connection string.
    std::string newDatabase();
    int port() const { return port_; }
    ~TestPostgres();

private:
    TestPostgres() = default;
    std::filesystem::path folder_;
    int port_ = 0;
    bool asPostgresUser_ = false;
    int databases_ = 0;
};

// A TCP port nobody listens on now, on 127.0.0.1.
int freeLoopbackPort();
// Runs a shell command; its exit status.
int runCommand(const std::string& command);

}  // namespace vk::test
