#define CATCH_CONFIG_RUNNER
#include "skip.h"

#include <catch2/catch.hpp>

#include <iostream>
#include <set>

namespace {

int testCasesRun = 0;
std::set<std::string> skipped;

// Counts the test cases run, so that main can tell "every test case run was skipped" from "some ran".
struct TestCaseCounter : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseStarting(const Catch::TestCaseInfo& info) override {
        TestEventListenerBase::testCaseStarting(info);
        ++testCasesRun;
    }
};

}  // namespace

CATCH_REGISTER_LISTENER(TestCaseCounter)

namespace vk::test {

void skip(const std::string& reason, std::source_location where) {
    const std::string file = where.file_name();
    WARN("SKIPPED: " << reason << " (" << file.substr(file.find_last_of('/') + 1) << ":" << where.line() << ")");
    skipped.insert(Catch::getResultCapture().getCurrentTestName());
}

int skippedTestCases() { return static_cast<int>(skipped.size()); }

}  // namespace vk::test

// CTest runs one test case per process (catch_discover_tests): that process exits with the skip code when its test
// case was skipped. A run of several test cases by hand exits 0 unless all of them were skipped; failures win.
// A run that ran no test case at all fails: CTest asks for each test by name, and a name that matches nothing (a
// ';' in a test case's name splits it in two for catch_discover_tests) would otherwise pass without running.
int main(int argc, char* argv[]) {
    Catch::Session session;
    if (const int badCommandLine = session.applyCommandLine(argc, argv); badCommandLine != 0) return badCommandLine;
    const int failures = session.run();
    const bool onlyListed = session.configData().listTests || session.configData().listTestNamesOnly ||
                            session.configData().listTags || session.configData().listReporters ||
                            session.configData().showHelp;
    if (failures == 0 && testCasesRun == 0 && !onlyListed) {
        std::cerr << "no test case matched: a name with ';' cannot be run from CTest, use a comma\n";
        return 1;
    }
    if (failures == 0 && testCasesRun > 0 && vk::test::skippedTestCases() == testCasesRun) {
        return vk::test::kSkipExitCode;
    }
    return failures;
}
