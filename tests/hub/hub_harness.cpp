#include "hub_harness.h"

#include "net/http_client.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>

namespace vk::test {

TempFolder::TempFolder() {
    char folderTemplate[] = "/tmp/vk-hub-test-XXXXXX";
    if (!::mkdtemp(folderTemplate)) throw std::runtime_error("cannot make a temporary folder");
    path = folderTemplate;
}

TempFolder::~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
}

HubUnderTest::HubUnderTest(std::string url) : databaseUrl(std::move(url)) {
    net::hub::HubConfig config;
    config.databaseUrl = databaseUrl;
    config.listenHost = "127.0.0.1";
    config.listenPort = 0;
    config.threads = 4;
    server_ = std::make_unique<net::hub::HubServer>(config);
    std::string error;
    if (!server_->bind(error)) throw std::runtime_error("the hub did not start: " + error);
    store_ = std::make_unique<storage::hub::HubStore>(databaseUrl);
    thread_ = std::thread([this] { server_->serve(); });
}

HubUnderTest::~HubUnderTest() {
    server_->stop();
    thread_.join();
}

std::string HubUnderTest::addKiosk(const std::string& territory, const std::string& village) {
    return store_->addKiosk(territory, village);
}

HubProcess::HubProcess(const std::filesystem::path& folder, const std::string& databaseUrl, int port)
    : config_(folder / "hub.toml"), port_(port) {
    std::ofstream(config_) << "database_url = \"" << databaseUrl << "\"\nlisten = \"127.0.0.1:" << port << "\"\n";
}

HubProcess::~HubProcess() { kill(); }

void HubProcess::start() {
    pid_ = ::fork();
    if (pid_ == 0) {
        const std::string config = config_.string();
        ::execl(VK_HUB_BINARY, VK_HUB_BINARY, "--config", config.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    const net::HttpClient client;
    net::HttpRequest health;
    health.url = url() + "/v1/health";
    health.timeout = std::chrono::milliseconds(1000);
    for (int attempt = 0; attempt < 200; ++attempt) {
        if (client.get(health).outcome == net::HttpOutcome::Ok) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("village-hub did not answer on " + url());
}

void HubProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

TestKiosk::TestKiosk(const std::filesystem::path& kioskFolder, const std::string& hubUrl,
                     const std::string& credential, std::int64_t clockOffsetMs)
    : folder(kioskFolder),
      db(storage::Database::open(kioskFolder / "village-kiosk.db")),
      clock(storage::nowUnixMs() + clockOffsetMs) {
    setCredential(credential);
    services::sync::SyncSettings settings;
    settings.hubUrl = hubUrl;
    settings.credentialFile = folder / "hub-credential";
    service = std::make_unique<services::sync::SyncService>(db, clock, settings);
}

void TestKiosk::setCredential(const std::string& credential) {
    std::ofstream(folder / "hub-credential") << credential << "\n";
}

services::sync::SyncRoundResult TestKiosk::sync() {
    const net::HttpClient client;
    return service->runRound(client);
}

std::string TestKiosk::addMember(const std::string& name, bool shareWithTerritory) {
    storage::MemberDetails details;
    details.displayName = name;
    details.nameKey = name;
    details.village = "Saint-Aubin";
    details.phone = "06 12 34 56 78";
    details.consent.shareWithTerritory = shareWithTerritory;
    return members.create(details, std::nullopt, clock.nowMs()).id;
}

std::string TestKiosk::post(const std::string& memberId, const std::string& title) {
    storage::NewPost post;
    post.memberId = memberId;
    post.content.category = "garden";
    post.content.title = title;
    post.content.body = "Le samedi matin.";
    post.village = "Saint-Aubin";
    post.expiresAt = clock.nowMs() + 30LL * 24 * 3600 * 1000;
    return board.insert(post, clock.nowMs()).id;
}

}  // namespace vk::test
