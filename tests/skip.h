#pragma once
// A test that cannot run on this machine (a tool it drives is missing) says so and is counted as skipped, never
// as passed: Catch2 2.13 has no SKIP, so the test returns through skip() and the test executable's main
// (catch_main.cpp) exits with kSkipExitCode, which tests/CMakeLists.txt declares as CTest's SKIP_RETURN_CODE.
//
//     if (!std::filesystem::exists(kPcscd)) return vk::test::skip("needs pcscd (./install-deps.sh --tests)");

#include <source_location>
#include <string>

namespace vk::test {

inline constexpr int kSkipExitCode = 77;

// Prints why, and marks the running test case as skipped. The test case must return right after, having
// asserted nothing that failed: a failure is still a failure.
void skip(const std::string& reason, std::source_location where = std::source_location::current());

// How many of the test cases run so far were skipped (catch_main.cpp reads it).
int skippedTestCases();

}  // namespace vk::test
