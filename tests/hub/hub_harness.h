#pragma once
// The hub and kiosks the hub's tests sync: a village-hub server on 127.0.0.1 (in this process, or the real binary
// when a test kills it), each kiosk a data folder of its own with its own clock.

#include "kiosk/services/clock.h"
#include "kiosk/services/sync/sync_service.h"
#include "net/hub/hub_server.h"
#include "storage/board_store.h"
#include "storage/database.h"
#include "storage/hub/hub_store.h"
#include "storage/member_store.h"
#include "test_postgres.h"

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

namespace vk::test {

// A folder removed at the end of the test.
struct TempFolder {
    std::filesystem::path path;
    TempFolder();
    ~TempFolder();
};

class HubUnderTest {
public:
    explicit HubUnderTest(std::string databaseUrl);
    ~HubUnderTest();
    std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
    // A new kiosk's credential, as `village-hub add-kiosk` prints it.
    std::string addKiosk(const std::string& territory, const std::string& village = "");
    storage::hub::HubStore& store() { return *store_; }
    const std::string databaseUrl;

private:
    std::unique_ptr<storage::hub::HubStore> store_;
    std::unique_ptr<net::hub::HubServer> server_;
    std::thread thread_;
};

// The real village-hub binary, so that a test can kill it.
class HubProcess {
public:
    HubProcess(const std::filesystem::path& folder, const std::string& databaseUrl, int port);
    ~HubProcess();
    void start();  // waits until it answers
    void kill();   // SIGKILL, no goodbye
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int pid() const { return pid_; }

private:
    std::filesystem::path config_;
    int port_;
    pid_t pid_ = -1;
};

class TestKiosk {
public:
    // `clockOffsetMs`: how far this kiosk's clock is from the true time.
    TestKiosk(const std::filesystem::path& folder, const std::string& hubUrl, const std::string& credential,
              std::int64_t clockOffsetMs = 0);

    services::sync::SyncRoundResult sync();
    std::string addMember(const std::string& name, bool shareWithTerritory = true);
    std::string post(const std::string& memberId, const std::string& title);
    std::optional<storage::BoardPost> findPost(const std::string& id) { return board.find(id); }
    int livePosts() { return board.countLive(); }
    void setCredential(const std::string& credential);

    std::filesystem::path folder;
    storage::Database db;
    services::ManualClock clock;
    storage::BoardStore board{db};
    storage::MemberStore members{db};
    std::unique_ptr<services::sync::SyncService> service;
};

}  // namespace vk::test
