#pragma once
// The crash harness's territory hub: the real village-hub on 127.0.0.1 over a PostgreSQL of its own (started as
// the hub's tests start theirs, tests/hub/), a second kiosk that posts between the runs so that every round has
// something to pull, and the checks of what « entirely or not at all » means for a sync round killed midway.
// Apart from crash_harness.cpp because the hub's test harness and the outbox's test servers both have a TempFolder.

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace vk::test::crash {

// The first column of the first row of `sql`, with `value` bound to its one parameter.
int countOf(SQLite::Database& db, const std::string& sql, const std::string& value);

class CrashHub {
public:
    // The hub, with a credential for the kiosk under test written to `credentialFile`; nullptr with `whyNot` when
    // PostgreSQL's binaries are absent.
    static std::unique_ptr<CrashHub> start(const std::filesystem::path& work, const std::filesystem::path& credentialFile,
                                           std::string& whyNot);
    ~CrashHub();
    std::string url() const;

    // The other kiosk posts once and syncs; empty, or why its round failed.
    std::string otherKioskPosts(const std::string& title);

    // After a kill, on the kiosk's database: every post of `sharingMember` is at the hub or still in the outbox
    // (sync_change), the hub holds each as one record pushed once, and the pull cursor is past no change of the
    // other kiosk that is neither applied nor held. One sentence per problem.
    std::vector<std::string> problems(SQLite::Database& db, const std::string& sharingMember);

    // One more round on the kiosk's data folder after the last kill: it must complete, empty the outbox, and bring
    // every post whose title matches `titleGlob` to the hub once and to the other kiosk. Sets `ok`; a line of figures.
    std::string lastRound(const std::filesystem::path& dataDir, const std::string& titleGlob, bool& ok);

private:
    struct State;
    explicit CrashHub(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace vk::test::crash
