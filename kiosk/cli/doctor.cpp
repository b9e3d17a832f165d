#include "kiosk/cli/doctor.h"

#include "hardware/backlight.h"

#include "hardware/printer_address.h"
#include "kiosk/services/devices/device_settings.h"
#include "kiosk/services/health/health_settings.h"
#include "kiosk/services/notifications/notification_settings.h"
#include "net/reachability.h"
#include "storage/database_check.h"
#include "storage/outbox_store.h"
#include "storage/print_queue_store.h"
#include "storage/rota_store.h"
#include "storage/staff_notice_store.h"

#include <nlohmann/json.hpp>

#include <sys/timex.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <ostream>

namespace vk::cli {
namespace {

constexpr const char* kStartedNote = "kiosk-started.json";

std::string verdictKey(Verdict verdict) {
    switch (verdict) {
    case Verdict::Ok: return "ok";
    case Verdict::Warning: return "warning";
    case Verdict::Fault: return "fault";
    }
    return "fault";
}

std::string mebibytes(std::uintmax_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

std::string hoursAgo(std::int64_t ms) {
    const std::int64_t hours = ms / (3600 * 1000);
    return hours < 48 ? std::to_string(hours) + " h ago" : std::to_string(hours / 24) + " days ago";
}

std::filesystem::path dataFolder(const services::KioskConfig& config) { return config.databaseFile().parent_path(); }

std::int64_t fileTimeMs(const std::filesystem::path& file) {
    // file_time_type's clock is not the system clock in C++20 libstdc++ 12: convert through the difference.
    const auto age = std::filesystem::file_time_type::clock::now() - std::filesystem::last_write_time(file);
    return storage::nowUnixMs() - std::chrono::duration_cast<std::chrono::milliseconds>(age).count();
}

void checkConfiguration(const services::ConfigLoad& load, DoctorReport& report) {
    int warnings = 0;
    std::string fatal;
    for (const auto& problem : load.problems) {
        if (problem.fatal) fatal += (fatal.empty() ? "" : "; ") + services::describeProblem(problem, load.source);
        else ++warnings;
    }
    if (!fatal.empty()) report.findings.push_back({"configuration", Verdict::Fault, fatal});
    else if (warnings > 0)
        report.findings.push_back({"configuration", Verdict::Warning,
                                   load.source + ": " + std::to_string(warnings) +
                                       " warnings (village-kiosk check-config lists them)"});
    else report.findings.push_back({"configuration", Verdict::Ok, load.source});
}

void checkDatabase(const services::KioskConfig& config, DoctorReport& report) {
    const storage::DatabaseCheck check = storage::checkDatabaseFile(config.databaseFile());
    const std::string file = config.databaseFile().string();
    if (!check.exists) {
        report.findings.push_back({"database", Verdict::Warning, check.problem});
        return;
    }
    if (!check.problem.empty()) {
        report.findings.push_back({"database", Verdict::Fault,
                                   file + ": " + check.problem +
                                       ". Stop the kiosk and restore the newest backup (docs/install.md, \"Restoring\")"});
        return;
    }
    std::string detail = file + ": integrity ok, schema version " + std::to_string(check.schemaVersion);
    if (check.schemaVersion < check.latestSchemaVersion)
        detail += " (migrated to " + std::to_string(check.latestSchemaVersion) + " at the kiosk's next start)";
    report.findings.push_back({"database", Verdict::Ok, detail});
}

void checkDisk(const services::KioskConfig& config, DoctorReport& report) {
    std::error_code error;
    std::filesystem::path folder = dataFolder(config);
    while (!folder.empty() && !std::filesystem::exists(folder, error) && folder != folder.root_path())
        folder = folder.parent_path();
    const auto space = std::filesystem::space(folder, error);
    if (error) {
        report.findings.push_back({"disk", Verdict::Fault, "cannot tell the free space of " + folder.string() + ": " +
                                                               error.message()});
        return;
    }
    const std::string detail = mebibytes(space.available) + " free of " + mebibytes(space.capacity) + " on " +
                               folder.string();
    if (space.available < kFreeDiskFaultBytes)
        report.findings.push_back({"disk", Verdict::Fault, detail + ": the database can no longer grow; free space"});
    else if (space.available < kFreeDiskWarningBytes)
        report.findings.push_back({"disk", Verdict::Warning, detail});
    else report.findings.push_back({"disk", Verdict::Ok, detail});
}

void checkDevices(const services::KioskConfig& config, DoctorReport& report) {
    const auto& devices = config.areas.get<services::DeviceSettings>();
    if (devices.printerUri.empty()) {
        report.findings.push_back({"printer", Verdict::Ok, "none configured: receipts are saved as pictures"});
    } else {
        hardware::PrinterAddress printer = hardware::openPrinterAddress(devices.printerUri);
        if (!printer.transport) {
            report.findings.push_back({"printer", Verdict::Fault, devices.printerUri + ": " + printer.error});
        } else {
            const hardware::TransportResult opened = printer.transport->open();
            if (opened.ok()) {
                report.findings.push_back({"printer", Verdict::Ok, printer.transport->describe() + " answers"});
                printer.transport->close();
            } else {
                report.findings.push_back(
                    {"printer", Verdict::Fault,
                     printer.transport->describe() + ": " + opened.message +
                         " (plugged in and switched on? the running kiosk may hold it: stop it to test)"});
            }
        }
    }
    if (devices.readerDevice.empty()) {
        report.findings.push_back({"reader", Verdict::Ok, "no keyboard-style reader configured"});
    } else if (access(devices.readerDevice.c_str(), R_OK) == 0) {
        report.findings.push_back({"reader", Verdict::Ok, devices.readerDevice + " can be read"});
    } else {
        const int cause = errno;
        report.findings.push_back({"reader", Verdict::Fault,
                                   devices.readerDevice + ": " + std::strerror(cause) +
                                       (cause == EACCES ? " (the udev rules and the input group: docs/hardware.md)"
                                                        : " (plugged in?)")});
    }
    if (devices.nfc) {
        std::error_code error;
        if (std::filesystem::exists("/run/pcscd/pcscd.comm", error))
            report.findings.push_back({"nfc", Verdict::Ok, "pcscd is listening"});
        else
            report.findings.push_back({"nfc", Verdict::Fault, "pcscd is not running: systemctl enable --now pcscd.socket"});
    }
}

// Only a kiosk that goes dark outside its hours switches its backlight off.
void checkBacklight(const services::KioskConfig& config, const DoctorOptions& options, DoctorReport& report) {
    if (config.screenHours.alwaysOn()) return;
    const hardware::Backlight backlight(options.backlightClassDir);
    if (!backlight.present())
        report.findings.push_back({"backlight", Verdict::Ok,
                                   "no backlight the kernel can switch: outside its hours the screen is black but lit"});
    else if (access(backlight.powerFile().c_str(), W_OK) == 0)
        report.findings.push_back({"backlight", Verdict::Ok, backlight.name() + " goes out while the screen is dark"});
    else
        report.findings.push_back({"backlight", Verdict::Warning,
                                   backlight.powerFile().string() + " cannot be written: the screen will be black but " +
                                       "lit (the udev rule in /lib/udev/rules.d/70-village-kiosk.rules and the video group)"});
}

void checkServers(const services::KioskConfig& config, const DoctorOptions& options, DoctorReport& report) {
    struct Server {
        const char* check;
        std::string url;
    };
    const auto& notifications = config.areas.get<services::notifications::NotificationSettings>();
    const std::vector<Server> servers{
        {"rota feed", config.areas.get<services::health::HealthSettings>().rotaFeedUrl},
        {"e-mail relay", notifications.email.smtpUrl},
        {"SMS gateway", notifications.sms.url},
    };
    for (const Server& server : servers) {
        if (server.url.empty()) continue;
        const net::Reachability reached = net::checkReachable(server.url, options.networkTimeout);
        if (reached.reached)
            report.findings.push_back({server.check, Verdict::Ok,
                                       server.url + " answers (" + std::to_string(reached.elapsedMs) + " ms)"});
        else
            report.findings.push_back({server.check, Verdict::Fault, server.url + ": " + reached.problem});
    }
}

void checkClock(const services::KioskConfig& config, std::int64_t nowMs, DoctorReport& report) {
    const std::time_t now = static_cast<std::time_t>(nowMs / 1000);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &utc);
    const std::string zone = services::effectiveTimeZone(config);
    std::string detail = std::string(when) + ", time zone " + zone;
    if (!config.timeZone.empty() && !services::isKnownTimeZone(config.timeZone)) {
        report.findings.push_back({"clock", Verdict::Warning,
                                   detail + ": the configured zone " + config.timeZone + " is unknown (tzdata)"});
        return;
    }
    // Before this program was written the clock cannot be right: a dead CMOS battery, no network time yet.
    if (utc.tm_year + 1900 < 2025) {
        report.findings.push_back({"clock", Verdict::Fault, detail + ": the clock is wrong; set it or enable NTP"});
        return;
    }
    timex kernelClock{};
    if (adjtimex(&kernelClock) == TIME_ERROR)
        report.findings.push_back({"clock", Verdict::Warning,
                                   detail + ": not synchronised with network time (timedatectl set-ntp true)"});
    else report.findings.push_back({"clock", Verdict::Ok, detail + ", synchronised"});
}

void checkBackups(const services::KioskConfig& config, std::int64_t nowMs, DoctorReport& report) {
    const std::filesystem::path folder = nightlyBackupFolder(config);
    std::error_code error;
    std::optional<std::int64_t> newestMs;
    std::filesystem::path newest;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("village-kiosk-") || !name.ends_with(".db") || !entry.is_regular_file()) continue;
        const std::int64_t at = fileTimeMs(entry.path());
        if (!newestMs || at > *newestMs) {
            newestMs = at;
            newest = entry.path();
        }
    }
    if (!newestMs) {
        report.findings.push_back({"backup", Verdict::Warning,
                                   "no backup in " + folder.string() +
                                       " yet (village-kiosk-backup.timer makes one every night)"});
        return;
    }
    const std::int64_t age = nowMs - *newestMs;
    const std::string detail = "newest " + newest.filename().string() + ", " + hoursAgo(age);
    if (age > kBackupFaultAgeMs)
        report.findings.push_back({"backup", Verdict::Fault,
                                   detail + ": the nightly backup fails (journalctl -u village-kiosk-backup)"});
    else if (age > kBackupWarningAgeMs)
        report.findings.push_back({"backup", Verdict::Warning, detail + ": last night's backup is missing"});
    else report.findings.push_back({"backup", Verdict::Ok, detail});
}

}  // namespace

int DoctorReport::count(Verdict verdict) const {
    int n = 0;
    for (const auto& finding : findings) n += finding.verdict == verdict;
    return n;
}

std::filesystem::path nightlyBackupFolder(const services::KioskConfig& config) {
    return dataFolder(config) / "backups";
}

DoctorReport examineKiosk(const services::ConfigLoad& load, const DoctorOptions& options) {
    const std::int64_t nowMs = options.nowMs ? options.nowMs : storage::nowUnixMs();
    DoctorReport report;
    checkConfiguration(load, report);
    checkDatabase(load.config, report);
    checkDisk(load.config, report);
    checkDevices(load.config, report);
    checkBacklight(load.config, options, report);
    checkServers(load.config, options, report);
    checkClock(load.config, nowMs, report);
    checkBackups(load.config, nowMs, report);
    return report;
}

int runDoctor(const services::ConfigLoad& load, bool json, std::ostream& out) {
    const DoctorReport report = examineKiosk(load);
    const int faults = report.count(Verdict::Fault);
    if (json) {
        nlohmann::json checks = nlohmann::json::array();
        for (const auto& finding : report.findings)
            checks.push_back({{"check", finding.check}, {"verdict", verdictKey(finding.verdict)}, {"detail", finding.detail}});
        out << nlohmann::json{{"ok", faults == 0},
                              {"faults", faults},
                              {"warnings", report.count(Verdict::Warning)},
                              {"checks", checks}}
                   .dump()
            << "\n";
    } else {
        for (const auto& finding : report.findings) {
            std::string check = finding.check;
            check.resize(std::max<std::size_t>(check.size(), 14), ' ');
            std::string verdict = verdictKey(finding.verdict);
            verdict.resize(8, ' ');
            out << verdict << check << finding.detail << "\n";
        }
        out << (faults == 0 ? "No fault found" : std::to_string(faults) + (faults == 1 ? " fault" : " faults"))
            << ", " << report.count(Verdict::Warning) << " warnings.\n";
    }
    return faults == 0 ? 0 : 1;
}

void noteKioskStarted(const services::KioskConfig& config, std::int64_t nowMs) {
    const std::filesystem::path note = dataFolder(config) / kStartedNote;
    std::ofstream file(note, std::ios::trunc);
    file << nlohmann::json{{"pid", static_cast<long long>(getpid())}, {"started_at_ms", nowMs}, {"version", VK_VERSION}}.dump()
         << "\n";
}

int runStatus(services::KioskRuntime& runtime, bool json, std::ostream& out) {
    const std::int64_t nowMs = runtime.clock.nowMs();
    nlohmann::json status;
    status["version"] = VK_VERSION;
    status["database"] = runtime.database.file().string();
    status["schema_version"] = runtime.database.schemaVersion();
    nlohmann::json areas = nlohmann::json::array();
    for (const auto& area : services::domainAreas()) areas.push_back(area.id);
    status["areas"] = areas;

    // The kiosk's process, from the note it left at start, if that process is still there.
    status["running"] = false;
    std::ifstream note(dataFolder(runtime.config) / kStartedNote);
    const nlohmann::json started = nlohmann::json::parse(note, nullptr, false);
    if (started.is_object() && started.contains("pid") && started.contains("started_at_ms")) {
        const long long pid = started["pid"].get<long long>();
        std::error_code error;
        if (pid > 0 && std::filesystem::exists("/proc/" + std::to_string(pid), error)) {
            status["running"] = true;
            status["pid"] = pid;
            status["uptime_seconds"] = (nowMs - started["started_at_ms"].get<std::int64_t>()) / 1000;
        }
    }

    const storage::OutboxCounts outbox = storage::OutboxStore(runtime.database).counts();
    status["outbox"] = {{"pending", outbox.pending}, {"sending", outbox.sending}, {"failed", outbox.failed}};
    storage::PrintQueueStore printQueue(runtime.database);
    status["print_queue"] = {{"pending", printQueue.countPending()}, {"failed", printQueue.countFailed()}};
    status["staff_notices_open"] = storage::StaffNoticeStore(runtime.database).open().size();
    if (const std::string& feedUrl = runtime.config.areas.get<services::health::HealthSettings>().rotaFeedUrl;
        !feedUrl.empty()) {
        nlohmann::json feed = {{"url", feedUrl}};
        if (const auto state = storage::RotaStore(runtime.database).feedState(feedUrl)) {
            feed["last_good_at_ms"] = state->lastGoodAt;
            feed["last_attempt_at_ms"] = state->lastAttemptAt;
            if (state->lastError) feed["last_error"] = *state->lastError;
        }
        status["rota_feed"] = feed;
    }
    if (json) {
        out << status.dump() << "\n";
        return 0;
    }
    out << "village-kiosk " << VK_VERSION << (status["running"].get<bool>() ? ", running" : ", not running");
    if (status.contains("uptime_seconds")) out << " for " << status["uptime_seconds"].get<std::int64_t>() / 60 << " min";
    out << "\nareas: " << areas.size() << ", outbox pending " << outbox.pending << ", failed " << outbox.failed
        << "; print queue " << printQueue.countPending() << "; open staff notices "
        << status["staff_notices_open"].get<std::size_t>() << "\n";
    return 0;
}

}  // namespace vk::cli
