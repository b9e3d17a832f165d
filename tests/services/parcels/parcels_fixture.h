#pragma once
// One relay point in memory: the café manager, the desk, the public keypad and a preview printer, on a Wednesday
// in June at 09:00 local time, with a clock the tests move.

#include "hardware/receipt.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/parcels/parcel_desk.h"
#include "kiosk/services/parcels/public_pickup.h"
#include "kiosk/services/staff_service.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace vk::services::parcels::testing {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinute;
inline const std::string kDay = "2030-06-12";  // a Wednesday

inline std::int64_t at(const std::string& day, const std::string& time) { return *health::localToUnixMs(day, time); }

inline StaffSession sessionOf(const StaffAccount& account) { return {account.id, account.displayName, account.role, 0}; }

inline ParcelsSettings smallShelf() {
    ParcelsSettings settings;
    settings.shelves = {"A", "B"};
    settings.placesPerShelf = 3;
    settings.relayName = "Café de la Place";
    settings.relayAddress = "2 place de l’Église";
    settings.openingHours = "du lundi au samedi, 8 h – 19 h";
    return settings;
}

struct ParcelsFixture {
    explicit ParcelsFixture(ParcelsSettings parcelSettings = smallShelf()) : settings(std::move(parcelSettings)) {}

    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{at(kDay, "09:00")};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    StaffSession manager =
        sessionOf(*staff.createAccount(&systemActor(SystemActor::CommandLine), "Julien Girard", StaffRole::CafeManager, "1357").account);
    StaffSession assistant = sessionOf(
        *staff.createAccount(&systemActor(SystemActor::CommandLine), "Claire Moreau", StaffRole::MedicalAssistant, "2580").account);
    hardware::PreviewPrinter printer;
    ParcelsSettings settings;
    ParcelDesk desk{db, clock, staff, printer, settings};
    PublicPickup pickup{desk, clock, staff, settings};

    void setDay(const std::string& day, const std::string& time = "09:00") { clock.setMs(at(day, time)); }

    IntakeResult receive(const std::string& tracking, const std::string& recipient, const std::string& phone = "",
                         const std::string& email = "", const std::string& carrier = "mondial-relay") {
        IntakeInput input;
        input.tracking = tracking;
        input.carrierCode = carrier;
        input.recipient = recipient;
        input.phone = phone;
        input.email = email;
        return desk.receive(&manager, input);
    }

    Parcel received(const std::string& tracking, const std::string& recipient, const std::string& phone = "",
                    const std::string& email = "", const std::string& carrier = "mondial-relay") {
        const IntakeResult result = receive(tracking, recipient, phone, email, carrier);
        INFO(errorKey(result.error) << " " << result.failure);
        REQUIRE(result.ok());
        return *result.parcel;
    }

    std::vector<storage::AuditEntry> audit(const std::string& action) {
        std::vector<storage::AuditEntry> entries;
        for (const auto& entry : staff.recentAudit(10'000))
            if (entry.action == action) entries.push_back(entry);
        return entries;
    }

    int count(const std::string& sql) { return db.sql().execAndGet(sql).getInt(); }

    std::vector<hardware::Receipt> printed(const std::string& kind) {
        std::vector<hardware::Receipt> receipts;
        for (const auto& receipt : printer.lastReceipts())
            if (receipt.kind == kind) receipts.push_back(receipt);
        return receipts;
    }
};

// Every word of a receipt, lines and elements, for checking what reached the paper.
inline std::string receiptText(const hardware::Receipt& receipt) {
    std::string text;
    for (const auto& line : receipt.lines) text += line.text + "\n";
    for (const auto& element : receipt.elements) {
        if (const auto* line = std::get_if<hardware::ReceiptLine>(&element)) text += line->text + "\n";
        if (const auto* row = std::get_if<hardware::ColumnsRow>(&element)) text += row->left + " | " + row->right + "\n";
        if (const auto* code = std::get_if<hardware::Barcode>(&element)) text += "[barcode " + code->data + "]\n";
    }
    return text;
}

}  // namespace vk::services::parcels::testing
