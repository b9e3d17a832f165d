#pragma once
// The technician's commands. They use the same services as the screens, so what they do is audited the same
// way; none of them needs a display.

#include "kiosk/cli/command_line.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/kiosk_runtime.h"

#include <iosfwd>

namespace vk::cli {

int runBackup(services::KioskRuntime& runtime, const std::filesystem::path& destination, std::ostream& out,
              std::ostream& err);
int runStaffCommand(services::KioskRuntime& runtime, const CommandLine& line, std::istream& in, std::ostream& out,
                    std::ostream& err);
int runRotaCommand(services::KioskRuntime& runtime, const CommandLine& line, std::ostream& out, std::ostream& err);
int runAppointmentsImport(services::KioskRuntime& runtime, const std::filesystem::path& file, std::ostream& out,
                          std::ostream& err);
int runPrintTest(const services::KioskConfig& config, const CommandLine& line, std::ostream& out, std::ostream& err);
int runCheckConfig(const services::ConfigLoad& load, std::ostream& out);
int runPurge(services::KioskRuntime& runtime, std::ostream& out, std::ostream& err);

}  // namespace vk::cli
