#pragma once
// `village-kiosk doctor`: what a technician checks first on a kiosk that misbehaves, in one report. It needs no
// display and does not open the database for writing (a damaged one is examined, not touched), so it also runs
// while the kiosk is up or out of order. `village-kiosk status`: what the running kiosk is doing.

#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/kiosk_runtime.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace vk::cli {

enum class Verdict { Ok, Warning, Fault };

struct DoctorFinding {
    std::string check;  // "database", "disk", "printer"…
    Verdict verdict = Verdict::Ok;
    std::string detail;  // what was found, and for a fault what to do
};

struct DoctorReport {
    std::vector<DoctorFinding> findings;
    int count(Verdict verdict) const;
};

struct DoctorOptions {
    std::chrono::milliseconds networkTimeout{3000};  // per server: a dead network must not hang the report
    std::int64_t nowMs = 0;                            // 0: now
    std::filesystem::path backlightClassDir = "/sys/class/backlight";
};

// Thresholds, said once (docs/install.md lists them).
constexpr std::uintmax_t kFreeDiskFaultBytes = 100ull * 1024 * 1024;
constexpr std::uintmax_t kFreeDiskWarningBytes = 1024ull * 1024 * 1024;
constexpr std::int64_t kBackupWarningAgeMs = 36LL * 3600 * 1000;   // one nightly backup missed
constexpr std::int64_t kBackupFaultAgeMs = 72LL * 3600 * 1000;     // three

// The folder of the nightly backups (village-kiosk-backup.service writes there): `backups/` in the data folder.
std::filesystem::path nightlyBackupFolder(const services::KioskConfig& config);

DoctorReport examineKiosk(const services::ConfigLoad& load, const DoctorOptions& options = {});
// Prints the report (or JSON); 0 when nothing is at fault, 1 otherwise.
int runDoctor(const services::ConfigLoad& load, bool json, std::ostream& out);

// The running kiosk leaves this note in its data folder when it starts, for `status` to tell its uptime.
void noteKioskStarted(const services::KioskConfig& config, std::int64_t nowMs);
int runStatus(services::KioskRuntime& runtime, bool json, std::ostream& out);

}  // namespace vk::cli
