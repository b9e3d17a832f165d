#include "kiosk/cli/parcels_commands.h"

#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/parcels/parcels_area.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <map>
#include <ostream>

namespace vk::cli {
namespace {

namespace parcels = services::parcels;
using nlohmann::json;

const services::StaffSession& commandLine() { return services::systemActor(services::SystemActor::CommandLine); }

// For the technician, in English, with what to do about it.
std::string describe(parcels::ParcelError error, const std::string& failure) {
    using E = parcels::ParcelError;
    switch (error) {
    case E::None: return "";
    case E::NotAllowed: return "not allowed";
    case E::TrackingEmpty: return "--tracking is empty";
    case E::TrackingUnreadable: return "the tracking number holds characters no label has (a garbled scan?)";
    case E::TrackingTooLong: return "the tracking number is longer than 40 characters; scan it again";
    case E::TrackingTooShort: return "the tracking number is too short; scan it again";
    case E::MisScan: return "mis-scan? the check digit of this S10 number does not match; scan it again";
    case E::CarrierNeeded: return "the number does not say which carrier it is: give --carrier (see: parcels carriers)";
    case E::CarrierUnknown: return "no such carrier (see: village-kiosk parcels carriers)";
    case E::AlreadyOnShelf: return "this parcel is already on the shelf";
    case E::NameMissing: return "--recipient is empty once control characters are removed";
    case E::NameTooLong: return "--recipient is longer than 120 characters";
    case E::PhoneInvalid: return "--phone is not a phone number (6 to 15 digits, spaces and a leading + allowed)";
    case E::EmailInvalid: return "--email is not one e-mail address (no spaces, no line breaks, one @)";
    case E::ShelfFull: return "the shelf is full: give --place PLACE (an occupied place is fine) or --place floor";
    case E::PlaceInvalid: return "--place is not a shelf place of this kiosk, nor \"floor\"";
    case E::AmountInvalid: return "--cod-cents must be between 0 and 6000000";
    case E::IdNotChecked: return "an identity document must be checked";
    case E::CollectorNameMissing: return "the name of who collects the parcel is empty";
    case E::NotFound: return "no parcel waits under that code";
    case E::NothingToHandOver: return "nothing to hand over";
    case E::StorageFailed: return "nothing was stored: " + failure;
    }
    return "refused";
}

json parcelJson(parcels::ParcelDesk& desk, const storage::Parcel& parcel) {
    const auto carrier = desk.carrierById(parcel.carrierId);
    json item{{"id", parcel.id},
              {"direction", parcel.direction == storage::ParcelDirection::Incoming ? "incoming" : "outgoing"},
              {"carrier", carrier ? carrier->code : parcel.carrierId},
              {"tracking", parcel.tracking},
              {"status", std::string(storage::parcelStatusKey(parcel.status))},
              {"recipient", parcel.recipientName},
              {"shelf_place", parcel.shelfPlace ? json(*parcel.shelfPlace) : json(nullptr)},
              {"pickup_code", parcel.pickupCode ? json(*parcel.pickupCode) : json(nullptr)},
              {"deadline", parcel.deadlineDay ? json(*parcel.deadlineDay) : json(nullptr)},
              {"cod_cents", parcel.codCents}};
    return item;
}

int refuse(std::ostream& err, bool asJson, std::ostream& out, parcels::ParcelError error, const std::string& failure,
           const json& extra = json::object()) {
    const std::string message = describe(error, failure);
    if (asJson) {
        json answer = extra;
        answer["ok"] = false;
        answer["error"] = std::string(parcels::errorKey(error)).substr(std::string("parcels.error.").size());
        answer["message"] = message;
        out << answer.dump() << "\n";
    }
    err << "village-kiosk parcels: " << message << "\n";
    return 1;
}

int listCarriers(parcels::ParcelDesk& desk, const CommandArguments& args, std::ostream& out) {
    json list = json::array();
    for (const auto& carrier : desk.carriers()) {
        const bool opening = carrier.holdBasis == storage::HoldBasis::OpeningDays;
        if (args.json())
            list.push_back({{"id", carrier.code},
                            {"name", carrier.name},
                            {"hold_days", carrier.holdDays},
                            {"hold_basis", opening ? "opening" : "calendar"},
                            {"reminder_days_before", carrier.reminderDaysBefore},
                            {"collects_cod", carrier.collectsCod},
                            {"terms_dated", carrier.termsDated}});
        else
            out << carrier.code << "  " << carrier.name << "  " << carrier.holdDays
                << (opening ? " opening days" : " days") << "\n";
    }
    if (args.json()) out << json{{"ok", true}, {"carriers", list}}.dump() << "\n";
    return 0;
}

std::optional<int> wholeNumber(const std::string& text) {
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size()) return value;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

// The carriers' terms change (Mondial Relay went from 14 to 8 to 5 days): the technician corrects them here.
int setCarrier(parcels::ParcelDesk& desk, const CommandArguments& args, std::ostream& out, std::ostream& err) {
    const auto code = args.option("carrier");
    if (!code) {
        err << "village-kiosk parcels set-carrier: --carrier is needed\n";
        return 2;
    }
    auto carrier = desk.carrier(*code);
    if (!carrier) return refuse(err, args.json(), out, parcels::ParcelError::CarrierUnknown, "");
    if (const auto days = args.option("hold-days")) {
        const auto value = wholeNumber(*days);
        if (!value || *value < 1 || *value > 60) {
            err << "village-kiosk parcels set-carrier: --hold-days is a whole number from 1 to 60\n";
            return 2;
        }
        carrier->holdDays = *value;
    }
    if (const auto basis = args.option("hold-basis")) {
        if (*basis != "calendar" && *basis != "opening") {
            err << "village-kiosk parcels set-carrier: --hold-basis is calendar or opening\n";
            return 2;
        }
        carrier->holdBasis = *basis == "opening" ? storage::HoldBasis::OpeningDays : storage::HoldBasis::CalendarDays;
    }
    if (const auto days = args.option("reminder-days")) {
        const auto value = wholeNumber(*days);
        if (!value || *value < 0 || *value > 30) {
            err << "village-kiosk parcels set-carrier: --reminder-days is a whole number from 0 to 30\n";
            return 2;
        }
        carrier->reminderDaysBefore = *value;
    }
    if (const auto dated = args.option("terms-dated")) carrier->termsDated = dated->substr(0, 20);
    const auto error = desk.updateCarrier(&commandLine(), *carrier);
    if (error != parcels::ParcelError::None) return refuse(err, args.json(), out, error, "the database refused it");
    if (args.json())
        out << json{{"ok", true}, {"id", carrier->code}, {"hold_days", carrier->holdDays},
                    {"hold_basis", carrier->holdBasis == storage::HoldBasis::OpeningDays ? "opening" : "calendar"},
                    {"reminder_days_before", carrier->reminderDaysBefore}}.dump()
            << "\n";
    else
        out << carrier->code << ": " << carrier->holdDays << " days, reminder " << carrier->reminderDaysBefore
            << " days before\n";
    return 0;
}

int receive(parcels::ParcelDesk& desk, const CommandArguments& args, std::ostream& out, std::ostream& err) {
    const auto tracking = args.option("tracking");
    const auto recipient = args.option("recipient");
    if (!tracking || !recipient) {
        err << "village-kiosk parcels receive: --tracking and --recipient are needed\n";
        return 2;
    }
    parcels::IntakeInput input;
    input.tracking = *tracking;
    input.recipient = *recipient;
    input.carrierCode = args.option("carrier").value_or("");
    input.phone = args.option("phone").value_or("");
    input.email = args.option("email").value_or("");
    input.place = args.option("place").value_or("");
    if (const auto cod = args.option("cod-cents")) {
        try {
            std::size_t used = 0;
            input.codCents = std::stoll(*cod, &used);
            if (used != cod->size()) input.codCents = -1;
        } catch (const std::exception&) {
            input.codCents = -1;
        }
    }
    const auto result = desk.receive(&commandLine(), input);
    if (!result.ok()) {
        json extra = json::object();
        if (result.error == parcels::ParcelError::AlreadyOnShelf && result.parcel)
            extra["parcel"] = parcelJson(desk, *result.parcel);
        if (result.error == parcels::ParcelError::AlreadyOnShelf && result.parcel && result.parcel->shelfPlace)
            err << "village-kiosk parcels: it is at place " << *result.parcel->shelfPlace << "\n";
        return refuse(err, args.json(), out, result.error, result.failure, extra);
    }
    const auto& parcel = *result.parcel;
    if (args.json()) {
        json answer = parcelJson(desk, parcel);
        answer["ok"] = true;
        answer["messages_queued"] = result.messagesQueued;
        answer["on_call_list"] = result.onCallList;
        out << answer.dump() << "\n";
    } else {
        out << "Received " << parcel.tracking << " (" << result.carrier->name << ") for " << parcel.recipientName
            << "\n  pickup code " << parcel.pickupCode.value_or("") << ", shelf place "
            << parcel.shelfPlace.value_or("") << ", waits until " << parcel.deadlineDay.value_or("") << "\n";
        if (result.onCallList) out << "  no phone nor e-mail: on the call list\n";
        else out << "  " << result.messagesQueued << " message(s) queued\n";
    }
    return 0;
}

int pickup(services::parcels::ParcelsServices& area, const CommandArguments& args, std::ostream& out,
           std::ostream& err) {
    const auto code = args.option("code");
    if (!code) {
        err << "village-kiosk parcels pickup: --code is needed\n";
        return 2;
    }
    const auto waiting = area.desk.onShelfByCode(*code);
    if (waiting.empty()) return refuse(err, args.json(), out, parcels::ParcelError::NotFound, "");
    parcels::HandOverInput input;
    for (const auto& parcel : waiting) input.parcelIds.push_back(parcel.id);
    // The command line stands for the manager at the counter, who checked the identity document.
    input.idChecked = true;
    const auto result = area.desk.handOver(&commandLine(), input);
    if (!result.ok()) return refuse(err, args.json(), out, result.error, result.failure);
    area.pickup.forget(parcels::normalizePickupCode(*code));
    if (args.json()) {
        json list = json::array();
        for (const auto& parcel : result.parcels) list.push_back(parcelJson(area.desk, parcel));
        out << json{{"ok", true}, {"pickup_code", parcels::normalizePickupCode(*code)}, {"parcels", list},
                    {"cod_cents", result.codCents}}.dump()
            << "\n";
    } else {
        for (const auto& parcel : result.parcels)
            out << "Handed over " << parcel.tracking << " from place " << parcel.shelfPlace.value_or("") << "\n";
        if (result.codCents > 0) out << "Cash on delivery to collect: " << parcels::formatEuros(result.codCents) << "\n";
    }
    return 0;
}

int list(parcels::ParcelDesk& desk, const CommandArguments& args, std::ostream& out, std::ostream& err) {
    const int chosen = args.flag("on-shelf") + args.flag("due-for-return") + args.flag("returned");
    if (chosen > 1) {
        err << "village-kiosk parcels list: give one of --on-shelf, --due-for-return, --returned\n";
        return 2;
    }
    std::vector<storage::Parcel> parcels;
    if (args.flag("due-for-return")) {
        for (auto& batch : desk.dueForReturn())
            for (auto& parcel : batch.parcels) parcels.push_back(std::move(parcel));
    } else if (args.flag("returned")) {
        parcels = desk.withStatus(storage::ParcelStatus::Returned, 10'000);
    } else {
        parcels = desk.onShelf();
    }
    if (args.json()) {
        json items = json::array();
        for (const auto& parcel : parcels) items.push_back(parcelJson(desk, parcel));
        out << json{{"ok", true}, {"parcels", items}}.dump() << "\n";
        return 0;
    }
    for (const auto& parcel : parcels) {
        const auto carrier = desk.carrierById(parcel.carrierId);
        out << parcel.shelfPlace.value_or("-") << "  " << parcel.tracking << "  " << (carrier ? carrier->code : "")
            << "  " << parcel.recipientName << "  until " << parcel.deadlineDay.value_or("") << "\n";
    }
    out << parcels.size() << " parcel(s)\n";
    return 0;
}

int returnToCarrier(parcels::ParcelDesk& desk, const CommandArguments& args, std::ostream& out, std::ostream& err) {
    const auto carrier = args.option("carrier");
    if (!carrier) {
        err << "village-kiosk parcels return: --carrier is needed\n";
        return 2;
    }
    const auto result = desk.returnToCarrier(&commandLine(), *carrier);
    if (!result.ok()) return refuse(err, args.json(), out, result.error, result.failure);
    if (args.json()) {
        json items = json::array();
        for (const auto& parcel : result.parcels) items.push_back(parcelJson(desk, parcel));
        out << json{{"ok", true}, {"carrier", result.carrier->code}, {"handover_id", result.handoverId},
                    {"parcels", items}}.dump()
            << "\n";
        return 0;
    }
    out << "Return manifest for " << result.carrier->name << " (" << result.handoverId << ")\n";
    for (const auto& parcel : result.parcels)
        out << "  " << parcel.shelfPlace.value_or("-") << "  " << parcel.tracking << "\n";
    out << result.parcels.size() << " parcel(s) handed to the driver; their places are free\n";
    return 0;
}

int exportCsv(parcels::ParcelDesk& desk, const CommandArguments& args, std::ostream& out, std::ostream& err) {
    const auto file = args.option("csv");
    if (!file) {
        err << "village-kiosk parcels export: --csv FILE is needed\n";
        return 2;
    }
    std::ofstream csv(*file, std::ios::binary | std::ios::trunc);
    if (!csv) {
        err << "village-kiosk parcels: cannot write " << *file << "\n";
        return 1;
    }
    desk.writeCsv(csv);
    csv.close();
    if (!csv) {
        err << "village-kiosk parcels: writing " << *file << " failed (a full disk?)\n";
        return 1;
    }
    if (args.json())
        out << json{{"ok", true}, {"file", *file}}.dump() << "\n";
    else
        out << "Parcels written to " << *file << "\n";
    return 0;
}

}  // namespace

int runParcelsCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                      std::ostream& out, std::ostream& err) {
    (void)in;
    auto& area = runtime.area<parcels::ParcelsServices>();
    const std::string action = arguments.action();
    int code = 2;
    if (action == "carriers") code = listCarriers(area.desk, arguments, out);
    else if (action == "set-carrier") code = setCarrier(area.desk, arguments, out, err);
    else if (action == "receive") code = receive(area.desk, arguments, out, err);
    else if (action == "pickup") code = pickup(area, arguments, out, err);
    else if (action == "list") code = list(area.desk, arguments, out, err);
    else if (action == "return") code = returnToCarrier(area.desk, arguments, out, err);
    else if (action == "export") {
        code = exportCsv(area.desk, arguments, out, err);
        if (code == 0) runtime.staff.audit(&commandLine(), "parcels.export", {{"file", arguments.option("csv").value_or("")}});
    } else {
        err << "village-kiosk parcels: unknown command \"" << action << "\"\n\n" << parcelsCommand().usage;
    }
    return code;
}

AreaCommand parcelsCommand() {
    // Static, so that the flags' initializer list lives as long as the program.
    static const AreaCommand command{"parcels",
            "  village-kiosk parcels carriers [--json]      list the carriers (ids, hold periods)\n"
            "  village-kiosk parcels set-carrier --carrier ID [--hold-days N] [--hold-basis calendar|opening]\n"
            "                              [--reminder-days N] [--terms-dated YYYY-MM] [--json]\n"
            "                                            correct a carrier's terms\n"
            "  village-kiosk parcels receive --carrier ID --tracking NUMBER --recipient NAME [--phone P] [--email E]\n"
            "                              [--place PLACE|floor] [--cod-cents N] [--json]\n"
            "                                            receive a parcel: prints the pickup code, place and deadline\n"
            "  village-kiosk parcels pickup --code CODE [--json]\n"
            "                                            hand over the parcels of a pickup code\n"
            "  village-kiosk parcels list [--on-shelf | --due-for-return | --returned] [--json]\n"
            "  village-kiosk parcels return --carrier ID [--json]\n"
            "                                            give the driver the parcels due for return (the manifest)\n"
            "  village-kiosk parcels export --csv FILE      every parcel as CSV\n",
            {"on-shelf", "due-for-return", "returned"},
            &runParcelsCommand};
    return command;
}

}  // namespace vk::cli
