#pragma once
// The outbox tests' far ends, started as child processes on 127.0.0.1: an SMTP server (tests/net/
// smtp_test_server.py, on Debian's python3-aiosmtpd) and an SMS gateway (tests/net/sms_gateway_server.py). Each
// writes its port to a file once it listens; the destructor kills it. Also a test certificate made with openssl.

#include "eventually.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace vk::test {

inline const std::filesystem::path kPython = "/usr/bin/python3";

inline bool haveAiosmtpd() {
    return std::filesystem::exists(kPython) &&
           std::system("/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1") == 0;
}
inline bool haveOpenssl() { return std::system("openssl version >/dev/null 2>&1") == 0; }

inline std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void writeFile(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// A fresh folder under /tmp for one test, removed at the end.
class TempFolder {
public:
    explicit TempFolder(const std::string& name)
        : path_(std::filesystem::temp_directory_path() / ("vk-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// A child process, killed (SIGKILL) and reaped when this goes.
class ChildProcess {
public:
    explicit ChildProcess(const std::vector<std::string>& command, const std::filesystem::path& output = {}) {
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            if (!output.empty()) {
                FILE* out = std::freopen(output.c_str(), "w", stdout);
                (void)out;
                ::dup2(::fileno(stdout), STDERR_FILENO);
            }
            std::vector<char*> argv;
            for (const std::string& part : command) argv.push_back(const_cast<char*>(part.c_str()));
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
    }
    ~ChildProcess() { kill(); }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    void kill() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    // Waits for the child to end by itself; returns its exit code (-1 when killed by a signal or still running).
    int wait(std::chrono::milliseconds limit = std::chrono::milliseconds(30000)) {
        int status = 0;
        const bool ended = eventually([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, limit);
        if (!ended) return -1;
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t pid_ = -1;
};

inline int waitForPort(const std::filesystem::path& portFile) {
    if (!eventually([&] { return std::filesystem::exists(portFile); }, std::chrono::milliseconds(15000)))
        throw std::runtime_error("the test server did not start (" + portFile.string() + ")");
    return std::stoi(readFile(portFile));
}

// A self-signed certificate for 127.0.0.1 and localhost, its own CA: the client verifies against it.
struct TestCertificate {
    std::filesystem::path cert;
    std::filesystem::path key;
};
inline TestCertificate makeTestCertificate(const std::filesystem::path& folder) {
    TestCertificate made{folder / "cert.pem", folder / "key.pem"};
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost "
        "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
        made.key.string() + "' -out '" + made.cert.string() + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl could not make a test certificate");
    return made;
}

class SmtpTestServer {
public:
    enum class Tls { None, StartTls, Smtps };
    SmtpTestServer(const std::filesystem::path& folder, Tls tls, const TestCertificate* certificate,
                   std::vector<std::string> extra = {})
        : records_(folder / "mail") {
        std::filesystem::create_directories(records_);
        const auto portFile = folder / "smtp.port";
        std::filesystem::remove(portFile);
        const char* mode = tls == Tls::None ? "none" : tls == Tls::StartTls ? "starttls" : "smtps";
        std::vector<std::string> command{kPython.string(),
                                         std::string(VK_SOURCE_DIR) + "/tests/net/smtp_test_server.py",
                                         "--port-file", portFile.string(), "--record-dir", records_.string(),
                                         "--tls", mode};
        if (certificate) {
            command.insert(command.end(), {"--cert", certificate->cert.string(), "--key", certificate->key.string()});
        }
        command.insert(command.end(), extra.begin(), extra.end());
        process_ = std::make_unique<ChildProcess>(command, folder / "smtp.log");
        port_ = waitForPort(portFile);
    }
    int port() const { return port_; }
    std::vector<std::string> messages() const {
        std::vector<std::string> found;
        for (int n = 1; std::filesystem::exists(records_ / (std::to_string(n) + ".eml")); ++n)
            found.push_back(readFile(records_ / (std::to_string(n) + ".eml")));
        return found;
    }
    void stop() { process_.reset(); }

private:
    std::filesystem::path records_;
    std::unique_ptr<ChildProcess> process_;
    int port_ = 0;
};

class SmsGatewayServer {
public:
    explicit SmsGatewayServer(const std::filesystem::path& folder)
        : record_(folder / "gateway.jsonl"), plan_(folder / "gateway.plan") {
        const auto portFile = folder / "gateway.port";
        std::filesystem::remove(portFile);
        process_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{kPython.string(), std::string(VK_SOURCE_DIR) + "/tests/net/sms_gateway_server.py",
                                     "--port-file", portFile.string(), "--record", record_.string(), "--plan",
                                     plan_.string()},
            folder / "gateway.log");
        port_ = waitForPort(portFile);
    }
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/send"; }
    // The answers to give, one a line ("500", "429 2", "hang"); then 200.
    void plan(const std::string& answers) { writeFile(plan_, answers); }
    // Each request received, one JSON object a line.
    std::vector<std::string> requests() const {
        std::vector<std::string> lines;
        std::istringstream in(readFile(record_));
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) lines.push_back(line);
        return lines;
    }

private:
    std::filesystem::path record_;
    std::filesystem::path plan_;
    std::unique_ptr<ChildProcess> process_;
    int port_ = 0;
};

}  // namespace vk::test
