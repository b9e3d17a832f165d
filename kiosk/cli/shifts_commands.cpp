#include "kiosk/cli/shifts_commands.h"

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/shifts/shifts_area.h"
#include "kiosk/services/staff_service.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <ostream>
#include <sstream>

namespace vk::cli {
namespace {

using nlohmann::json;
namespace shifts = services::shifts;

// The command line acts as the system actor, with the coordinator's rights, and is audited as such.
const services::StaffSession* commandLine() { return &services::systemActor(services::SystemActor::CommandLine); }

bool readInteger(const std::string& text, int& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

int wrongArguments(std::ostream& err, const std::string& why) {
    err << "village-kiosk shifts: " << why << "\n\n" << shiftsCommand().usage;
    return 2;
}

int refused(std::ostream& err, shifts::ShiftError error) {
    err << "village-kiosk shifts: " << shifts::describeError(error) << "\n";
    return 1;
}

json shiftJson(const shifts::Shift& s) {
    return json{{"id", s.id},
                {"kind", storage::shiftKindKey(s.details.kind)},
                {"day", s.details.day},
                {"starts_at", s.details.startsAt},
                {"ends_at", s.details.endsAt},
                {"places", s.details.places},
                {"taken", s.taken},
                {"places_left", s.placesLeft()},
                {"note", s.details.note}};
}

json signUpJson(const shifts::ShiftSignUp& u) {
    return json{{"id", u.id},
                {"shift_id", u.shiftId},
                {"member_id", u.memberId},
                {"state", storage::shiftSignUpStateKey(u.state)},
                {"swapped_from", u.swappedFrom ? json(*u.swappedFrom) : json(nullptr)}};
}

int printSignUp(const shifts::SignUpResult& result, const CommandArguments& arguments, std::ostream& out,
                std::ostream& err) {
    if (!result.ok()) return refused(err, result.error);
    if (arguments.json()) out << signUpJson(*result.signUp).dump() << "\n";
    else out << storage::shiftSignUpStateKey(result.signUp->state) << " " << result.signUp->id << "\n";
    return 0;
}

int runAdd(shifts::VolunteerShifts& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    shifts::ShiftForm form;
    form.kind = arguments.option("kind").value_or("");
    form.day = arguments.option("day").value_or("");
    form.startsAt = arguments.option("from").value_or("");
    form.endsAt = arguments.option("to").value_or("");
    form.note = arguments.option("note").value_or("");
    if (!readInteger(arguments.option("places").value_or("1"), form.places))
        return refused(err, shifts::ShiftError::PlacesInvalid);
    const auto result = book.publish(commandLine(), form);
    if (!result.ok()) return refused(err, result.error);
    if (arguments.json()) out << shiftJson(*result.shift).dump() << "\n";
    else out << "published " << result.shift->id << "\n";
    return 0;
}

int runList(shifts::VolunteerShifts& book, services::KioskRuntime& runtime, const CommandArguments& arguments,
            std::ostream& out) {
    const std::string today = services::health::localDay(runtime.clock.nowMs());
    const std::string monday = services::health::mondayOf(arguments.option("week").value_or(today));
    json list = json::array();
    for (const auto& s : book.shiftsOfWeek(monday)) {
        if (arguments.json()) list.push_back(shiftJson(s));
        else out << s.details.day << " " << s.details.startsAt << "-" << s.details.endsAt << " "
                 << storage::shiftKindKey(s.details.kind) << " " << s.taken << "/" << s.details.places << " " << s.id
                 << "\n";
    }
    if (arguments.json()) out << list.dump() << "\n";
    return 0;
}

int runYear(shifts::VolunteerShifts& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto year = arguments.option("year");
    if (!year || year->size() != 4) return wrongArguments(err, "--year YYYY is needed");
    json months = json::array();
    int minutes = 0;
    for (const auto& m : book.minutesPerMonth(*year)) {
        minutes += m.minutes;
        months.push_back(json{{"month", m.month}, {"places", m.shifts}, {"minutes", m.minutes}});
        if (!arguments.json()) out << m.month << " " << m.shifts << " places " << m.minutes / 60.0 << " h\n";
    }
    if (arguments.json()) out << json{{"year", *year}, {"months", months}, {"minutes", minutes}}.dump() << "\n";
    else out << *year << " " << minutes / 60.0 << " h\n";
    return 0;
}

int runShiftsCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err) {
    (void)in;
    auto& book = runtime.area<shifts::ShiftsServices>().shifts;
    const std::string action = arguments.action();
    if (action == "add") return runAdd(book, arguments, out, err);
    if (action == "list") return runList(book, runtime, arguments, out);
    if (action == "sign-up") {
        return printSignUp(book.signUp(commandLine(), arguments.option("shift").value_or(""),
                                       arguments.option("member").value_or("")),
                           arguments, out, err);
    }
    if (action == "cancel") {
        return printSignUp(book.cancel(commandLine(), arguments.option("sign-up").value_or("")), arguments, out, err);
    }
    if (action == "swap") {
        return printSignUp(book.swap(commandLine(), arguments.option("sign-up").value_or(""),
                                     arguments.option("to").value_or("")),
                           arguments, out, err);
    }
    if (action == "absent") {
        return printSignUp(book.markAbsent(commandLine(), arguments.option("sign-up").value_or("")), arguments, out,
                           err);
    }
    if (action == "remove") {
        const auto result = book.cancelShift(commandLine(), arguments.option("shift").value_or(""));
        if (!result.ok()) return refused(err, result.error);
        out << "removed " << result.shift->id << "\n";
        return 0;
    }
    if (action == "commitment") {
        int minutes = -1;
        if (!readInteger(arguments.option("minutes").value_or(""), minutes))
            return refused(err, shifts::ShiftError::CommitmentInvalid);
        const auto error = book.setCommitment(commandLine(), arguments.option("member").value_or(""), minutes);
        if (error != shifts::ShiftError::None) return refused(err, error);
        out << "commitment " << minutes << " minutes\n";
        return 0;
    }
    if (action == "year") return runYear(book, arguments, out, err);
    return wrongArguments(err, action.empty() ? "say what to do" : "unknown command « " + action + " »");
}

}  // namespace

const AreaCommand& shiftsCommand() {
    static const AreaCommand command{
        "shifts",
        "  village-kiosk shifts add --kind opening|stocking|delivery --day YYYY-MM-DD --from HH:MM --to HH:MM\n"
        "                [--places N] [--note TEXT] [--json]\n"
        "  village-kiosk shifts list [--week DAY] [--json]   the week of that day, this week by default\n"
        "  village-kiosk shifts sign-up --shift ID --member ID [--json]\n"
        "  village-kiosk shifts cancel --sign-up ID [--json]   the place is free again\n"
        "  village-kiosk shifts swap --sign-up ID --to MEMBER [--json]   the other member takes the place\n"
        "  village-kiosk shifts absent --sign-up ID [--json]   no hours for that place\n"
        "  village-kiosk shifts remove --shift ID   cancels a shift not started yet\n"
        "  village-kiosk shifts commitment --member ID --minutes N   that member's monthly commitment\n"
        "  village-kiosk shifts year --year YYYY [--json]   hours per month, for the grocery's report\n",
        {},
        &runShiftsCommand};
    return command;
}

}  // namespace vk::cli
