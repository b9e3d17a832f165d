#include "kiosk/cli/admin_commands.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/devices/device_settings.h"
#include "kiosk/services/health/booking_calendar.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "storage/retention.h"
#include "storage/write_failure.h"
#include "storage/staff_notice_store.h"
#include "hardware/escpos/printer_profiles.h"
#include "hardware/escpos/receipt_encoder.h"
#include "hardware/print_now.h"
#include "hardware/printer_address.h"
#include "hardware/printer_status.h"
#include "hardware/test_receipt.h"
#include "net/http_client.h"

#include <termios.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

namespace vk::cli {
namespace {

// Reads a PIN without echoing it on a terminal; from a pipe it reads one line.
std::string readPin(std::istream& in, std::ostream& out, const char* prompt) {
    const bool terminal = &in == &std::cin && isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        out << prompt << std::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    std::string pin;
    std::getline(in, pin);
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        out << "\n";
    }
    while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
    return pin;
}

std::string errorText(services::AccountError error, const services::PinPolicy& policy) {
    switch (error) {
    case services::AccountError::None: return "";
    case services::AccountError::NotAllowed: return "only an admin may do that";
    case services::AccountError::NameInvalid: return "the name is empty once control characters are removed";
    case services::AccountError::PinTooShort: return "a PIN has 4 to 8 digits";
    case services::AccountError::PinNotDigits: return "a PIN has digits only";
    case services::AccountError::PinTooSimple: return "that PIN is too easy to guess (one digit repeated, or 1234-like)";
    case services::AccountError::AdminPinTooShort:
        return "an admin's PIN has at least " + std::to_string(policy.adminMinDigits) +
               " digits (staff.admin_pin_digits)";
    case services::AccountError::LastAdmin: return "this is the last admin account; add another admin first";
    case services::AccountError::NotFound: return "no such account (see: village-kiosk staff list)";
    case services::AccountError::CardInUse: return "that card belongs to another account";
    }
    return "";
}

const services::StaffSession& commandLine() { return services::systemActor(services::SystemActor::CommandLine); }

std::optional<std::string> newPin(const services::StaffService& staff, services::StaffRole role, std::istream& in,
                                  std::ostream& out, std::ostream& err) {
    const int fewest = role == services::StaffRole::Admin ? staff.policy().adminMinDigits : 4;
    const std::string prompt = "New PIN (" + std::to_string(fewest) + " to 8 digits): ";
    const std::string pin = readPin(in, out, prompt.c_str());
    if (const auto problem = staff.checkPinFor(role, pin); problem != services::AccountError::None) {
        err << "village-kiosk: " << errorText(problem, staff.policy()) << "\n";
        return std::nullopt;
    }
    if (&in == &std::cin && isatty(STDIN_FILENO) && readPin(in, out, "Same PIN again: ") != pin) {
        err << "village-kiosk: the two PINs differ; nothing was changed\n";
        return std::nullopt;
    }
    return pin;
}

// A file to import, read whole but never past 5 MB (the network's cap too): anything larger is a mistake.
std::optional<std::string> readImportFile(const std::filesystem::path& file, std::ostream& err) {
    constexpr std::size_t kMaxBytes = 5 * 1024 * 1024;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        err << "village-kiosk: cannot read " << file.string() << "\n";
        return std::nullopt;
    }
    std::string text(kMaxBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxBytes) {
        err << "village-kiosk: " << file.string() << " is larger than 5 MB; nothing was imported\n";
        return std::nullopt;
    }
    return text;
}

}  // namespace

int runBackup(services::KioskRuntime& runtime, const std::filesystem::path& destination, std::ostream& out,
              std::ostream& err) {
    try {
        // "backups/" names a folder, even one that is not there yet (the nightly backup's, on a new kiosk).
        if (destination.string().ends_with('/')) {
            std::error_code cannot;
            std::filesystem::create_directories(destination, cannot);
        }
        runtime.database.backupTo(destination);
        out << "Backup written to " << destination.string() << "\n";
        try {
            runtime.staff.audit(&commandLine(), "backup", {{"file", destination.string()}});
        } catch (const std::exception& e) {
            // The copy is whole and checked; only its line in the activity log is missing (a full disk, say).
            err << "village-kiosk: the backup could not be noted in the activity log: "
                << storage::describeWriteFailure(e) << "\n";
        }
        // Into a folder (a USB stick, say), dated backups pile up: the oldest go, as in the data folder.
        std::error_code notFolder;
        if (std::filesystem::is_directory(destination, notFolder)) {
            const auto pruned = storage::pruneOldCopies(destination, {}, storage::nowUnixMs());
            for (const auto& removed : pruned.removed) out << "Older backup removed: " << removed.string() << "\n";
            for (const auto& problem : pruned.problems) err << "village-kiosk: " << problem << "\n";
        }
        return 0;
    } catch (const storage::StorageError& error) {
        err << "village-kiosk: error: the backup failed: " << error.what() << "\n";
        // Staff see it on their home screen until someone acknowledges it; the journal has it too.
        try {
            runtime.staff.inTransaction([&] {
                storage::StaffNoticeStore(runtime.database)
                    .add("backup", i18n::trf("backup.notice.failed", {{"reason", error.what()}}), storage::nowUnixMs());
                runtime.staff.audit(&commandLine(), "backup.failed", {{"file", destination.string()}});
            });
        } catch (const std::exception& noticeError) {
            err << "village-kiosk: error: nor could staff be told: " << noticeError.what() << "\n";
        }
        return 1;
    }
}

int runStaffCommand(services::KioskRuntime& runtime, const CommandLine& line, std::istream& in, std::ostream& out,
                    std::ostream& err) {
    auto& staff = runtime.staff;
    if (line.staffAction == "list") {
        for (const auto& account : staff.accounts())
            out << account.id << "  " << storage::roleKey(account.role) << "  " << account.displayName
                << (account.cardDigest ? "  (card)" : "") << "\n";
        return 0;
    }
    services::AccountChange change;
    if (line.staffAction == "add") {
        const auto role = storage::roleFromKey(line.staffRole);
        if (!role) {
            err << "village-kiosk: --role is medical_assistant, cafe_manager or admin\n";
            return 2;
        }
        const auto pin = newPin(staff, *role, in, out, err);
        if (!pin) return 1;
        change = staff.createAccount(&commandLine(), line.staffName, *role, *pin);
    } else if (line.staffAction == "set-pin") {
        std::optional<services::StaffRole> role;
        for (const auto& account : staff.accounts())
            if (account.id == line.staffId) role = account.role;
        if (!role) {
            err << "village-kiosk: " << errorText(services::AccountError::NotFound, staff.policy()) << "\n";
            return 1;
        }
        const auto pin = newPin(staff, *role, in, out, err);
        if (!pin) return 1;
        change = staff.resetPin(&commandLine(), line.staffId, *pin);
    } else if (line.staffAction == "remove") {
        change = staff.removeAccount(&commandLine(), line.staffId);
    }
    if (!change.ok()) {
        err << "village-kiosk: " << errorText(change.error, staff.policy()) << "\n";
        return 1;
    }
    if (change.account) out << change.account->id << "  " << change.account->displayName << "\n";
    out << "Done.\n";
    return 0;
}

int runRotaCommand(services::KioskRuntime& runtime, const CommandLine& line, std::ostream& out, std::ostream& err) {
    auto& rota = runtime.area<services::health::HealthServices>().rota;
    if (line.rotaAction == "import") {
        services::health::RotaImportReport report;
        const std::string& source = line.rotaSource;
        if (source.starts_with("http://") || source.starts_with("https://")) {
            // A technician's import fetches in full: no validators, so a stale copy cannot hide a change.
            net::HttpRequest request;
            request.url = source;
            report = rota.applyFeedResponse(source, net::HttpClient().get(request), commandLine());
        } else {
            const auto text = readImportFile(source, err);
            if (!text) return 1;
            report = rota.importCalendar(*text, source, commandLine());
        }
        if (!report.applied) {
            err << "village-kiosk: the rota was not changed: " << report.error << "\n";
            return 1;
        }
        out << "Rota imported: " << report.change.added << " added, " << report.change.updated << " changed, "
            << report.change.removed << " removed";
        if (!report.skipped.empty()) out << ", " << report.skipped.size() << " events skipped";
        out << ".\n";
        for (const auto& skipped : report.skipped) out << "  skipped " << skipped.uid << ": " << skipped.reason << "\n";
        return 0;
    }
    // show
    const std::string today = services::health::localDay(runtime.clock.nowMs());
    for (const auto& week : rota.weeks(today, line.weeks)) {
        out << i18n::trf("rota.week", {{"range", i18n::weekRange(week.monday, services::health::lastDayShown(week))}});
        for (const auto& visit : week.visits)
            out << "  " << visit.doctorName << (visit.doctorTitle.empty() ? "" : ", " + visit.doctorTitle) << " ("
                << visit.firstDay << " → " << visit.lastDay << ")";
        out << "\n";
        for (const auto& day : week.days) {
            out << "  " << day.day << "  ";
            if (day.closure)
                out << i18n::tr("rota.closed") << (day.closure->reason.empty() ? "" : " (" + day.closure->reason + ")");
            else if (day.hours.empty())
                out << "-";
            for (std::size_t i = 0; !day.closure && i < day.hours.size(); ++i)
                out << (i ? ", " : "") << day.hours[i].opens << "–" << day.hours[i].closes;
            out << "\n";
        }
    }
    return 0;
}

int runAppointmentsImport(services::KioskRuntime& runtime, const std::filesystem::path& file, std::ostream& out,
                          std::ostream& err) {
    const auto text = readImportFile(file, err);
    if (!text) return 1;
    auto& health = runtime.area<services::health::HealthServices>();
    // The booking tool's iCalendar export (a saved copy of its feed) or its CSV export, told by their content.
    const std::size_t firstText = text->find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const bool isCalendar = firstText != std::string::npos && text->compare(firstText, 15, "BEGIN:VCALENDAR") == 0;
    // A saved feed is one practitioner's by its calendar name, whatever the file is called this time.
    const std::string calendarName = isCalendar ? services::health::bookingCalendarName(*text) : "";
    const std::string feed = calendarName.empty() ? "file:" + file.filename().string() : "calendar:" + calendarName;
    const auto report = isCalendar ? health.appointments.importBookingFeed(&commandLine(), *text, feed,
                                                                           services::effectiveTimeZone(runtime.config))
                                   : health.appointments.importCsv(&commandLine(), *text);
    if (!report.failure.empty()) {
        err << "village-kiosk: the appointments were not imported: " << report.failure << "\n";
        return 1;
    }
    out << "Appointments: " << report.added << " added, " << report.updated << " updated, " << report.unchanged
        << " unchanged, " << report.moved.size() << " moved, " << report.cancelled.size() << " cancelled, "
        << report.unmatched.size() << " not followed, " << report.problems.size()
        << (isCalendar ? " events skipped.\n" : " rows skipped.\n");
    const auto when = [](std::int64_t ms) {
        return services::health::localDay(ms) + " " + services::health::localTime(ms);
    };
    for (const auto& moved : report.moved)
        out << "  moved " << moved.who << " " << when(moved.fromMs) << " → " << when(moved.toMs) << "\n";
    for (const auto& cancelled : report.cancelled)
        out << "  cancelled " << cancelled.who << " " << when(cancelled.startsAt) << "\n";
    for (const auto& unmatched : report.unmatched)
        out << "  not followed" << (unmatched.line > 0 ? " (line " + std::to_string(unmatched.line) + ")" : "") << " "
            << unmatched.sourceId << ": " << unmatched.reason << "\n";
    for (const auto& problem : report.problems) {
        if (problem.line > 0)
            out << "  line " << problem.line << ": " << problem.reason << "\n";
        else
            out << "  skipped " << problem.reason << "\n";
    }
    // Imported all the same: only the contact that could not be used was left out.
    for (const auto& note : report.notes)
        out << "  note" << (note.line > 0 ? " (line " + std::to_string(note.line) + ")" : "") << ": " << note.reason
            << "\n";
    return report.problems.empty() ? 0 : 1;
}

int runPrintTest(const services::KioskConfig& config, const CommandLine& line, std::ostream& out, std::ostream& err) {
    const services::DeviceSettings& devices = config.areas.get<services::DeviceSettings>();
    const std::string address = line.printer.empty() ? devices.printerUri : line.printer;
    const std::string profileName = line.profile.empty() ? devices.printerProfile : line.profile;
    if (address.empty()) {
        err << "village-kiosk: no printer: give --printer ADDRESS or set devices.printer in the configuration\n";
        return 2;
    }
    const hardware::escpos::PrinterProfile* profile = hardware::escpos::findPrinterProfile(profileName);
    if (!profile) {
        err << "village-kiosk: unknown printer profile " << profileName << " (";
        for (const auto& known : hardware::escpos::printerProfiles()) err << known.name << " ";
        err << ")\n";
        return 2;
    }
    hardware::PrinterAddress printer = hardware::openPrinterAddress(address);
    if (!printer.transport) {
        err << "village-kiosk: " << printer.error << "\n";
        return 2;
    }
    const std::time_t now = std::time(nullptr);
    char when[32];
    std::strftime(when, sizeof when, "%d/%m/%Y %H:%M", std::localtime(&now));
    const auto report = hardware::printNow(*printer.transport,
                                           hardware::escpos::encode(hardware::makeTestReceipt(config.villageName, when), *profile));
    out << "Printer: " << printer.transport->describe() << " (" << profile->name << ")\n";
    out << "Sent: " << report.bytesWritten << " of " << report.bytesTotal << " bytes\n";
    out << "Status after: " << hardware::describePrinterStatus(report.statusAfter) << "\n";
    if (!report.error.empty()) {
        err << "village-kiosk: " << report.error << "\n";
        return 1;
    }
    // A printer that talks back (USB, TCP) and says nothing after the job may have taken the bytes into a buffer
    // and printed none of them (it accepts and never reads, hangs, or is not a receipt printer): not a success.
    if (printer.statusPolicy == hardware::StatusPolicy::Required && !report.statusAfter.known) {
        err << "village-kiosk: the printer took the bytes but did not answer the status request afterwards, so "
               "nothing says the receipt came out: check that it is switched on, has paper and is a receipt printer "
               "(ESC/POS) at that address\n";
        return 1;
    }
    return 0;
}

int runCheckConfig(const services::ConfigLoad& load, std::ostream& out) {
    out << "Configuration: " << load.source << "\n";
    for (const auto& problem : load.problems)
        out << (problem.fatal ? "error: " : "warning: ") << services::describeProblem(problem, load.source) << "\n";
    if (!load.usable()) return 1;
    out << "Data folder: " << load.config.databaseFile().parent_path().string() << "\n";
    out << "The configuration is usable.\n";
    return 0;
}

int runPurge(services::KioskRuntime& runtime, std::ostream& out, std::ostream& err) {
    for (const auto& report : runtime.retention.runIfDue()) out << report.key << ": " << report.rowsDeleted << " deleted\n";
    if (!runtime.retention.lastFailure().empty()) {
        err << "village-kiosk: nothing was purged: " << runtime.retention.lastFailure() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace vk::cli
