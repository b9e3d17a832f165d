#include "test_postgres.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace vk::test {
namespace {

const std::filesystem::path kBin = "/usr/lib/postgresql/15/bin";

std::string quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

int runCommand(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    const int port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

TestPostgres* TestPostgres::shared(std::string& whyNot) {
    static std::unique_ptr<TestPostgres> server;
    static std::string failure;
    if (server) return server.get();
    if (!failure.empty()) {
        whyNot = failure;
        return nullptr;
    }
    if (!std::filesystem::exists(kBin / "initdb") || !std::filesystem::exists(kBin / "pg_ctl")) {
        whyNot = failure = "needs PostgreSQL 15's initdb and pg_ctl (./install-deps.sh --tests: postgresql)";
        return nullptr;
    }
    auto instance = std::unique_ptr<TestPostgres>(new TestPostgres());
    instance->asPostgresUser_ = ::geteuid() == 0;
    char folderTemplate[] = "/tmp/vk-hub-pg-XXXXXX";
    if (!::mkdtemp(folderTemplate)) throw std::runtime_error("cannot make a temporary folder for PostgreSQL");
    instance->folder_ = folderTemplate;
    const std::string runAs = instance->asPostgresUser_ ? "runuser -u postgres -- " : "";
    if (instance->asPostgresUser_ && runCommand("chown postgres " + quoted(instance->folder_.string())) != 0) {
        whyNot = failure = "cannot give the temporary folder to the postgres user";
        return nullptr;
    }
    const std::string data = (instance->folder_ / "data").string();
    if (runCommand(runAs + (kBin / "initdb").string() + " --no-sync --auth=trust -U hubtest -E UTF8 -D " + quoted(data) +
                   " > " + quoted((instance->folder_ / "initdb.log").string()) + " 2>&1") != 0)
        throw std::runtime_error("initdb failed: see " + (instance->folder_ / "initdb.log").string());
    for (int attempt = 0; attempt < 5; ++attempt) {
        instance->port_ = freeLoopbackPort();
        const std::string options = "-p " + std::to_string(instance->port_) + " -k " + instance->folder_.string() +
                                    " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                                    "-c full_page_writes=off -c max_connections=200";
        if (runCommand(runAs + (kBin / "pg_ctl").string() + " -D " + quoted(data) + " -l " +
                       quoted((instance->folder_ / "server.log").string()) + " -w -t 60 -o " + quoted(options) +
                       " start > /dev/null 2>&1") == 0) {
            server = std::move(instance);
            return server.get();
        }
    }
    throw std::runtime_error("PostgreSQL did not start: see " + (instance->folder_ / "server.log").string());
}

std::string TestPostgres::newDatabase() {
    const std::string name = "hub" + std::to_string(++databases_);
    const std::string psql = (kBin / "psql").string();
    if (runCommand(psql + " -q -h 127.0.0.1 -p " + std::to_string(port_) + " -U hubtest -d postgres -c " +
                   quoted("CREATE DATABASE " + name) + " > /dev/null") != 0)
        throw std::runtime_error("cannot create the test database " + name);
    return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=" + name + " user=hubtest";
}

TestPostgres::~TestPostgres() {
    const std::string runAs = asPostgresUser_ ? "runuser -u postgres -- " : "";
    runCommand(runAs + (kBin / "pg_ctl").string() + " -D " + quoted((folder_ / "data").string()) +
               " -m immediate -w stop > /dev/null 2>&1");
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

}  // namespace vk::test
