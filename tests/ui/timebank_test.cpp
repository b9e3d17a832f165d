// The time bank at the counter, tapped through headless on the demo village: the café manager records an exchange
// between two demo members (one by card, one by name and code), both receipts print, a double tap records once,
// and the balance screen shows the statement. Pictures go to VK_SCREENSHOT_DIR when it is set.

#include "hardware/escpos/printer_profiles.h"
#include "hardware/reader_events.h"
#include "hardware/receipt_preview.h"
#include "kiosk/screens/timebank/timebank_screens.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/demo_data.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "ui_fixture.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <variant>

using namespace vk;
using vk::test::UiFixture;

namespace {

services::timebank::TimeBankServices& timeBank(UiFixture& f) {
    return f.runtime.area<services::timebank::TimeBankServices>();
}

std::string memberId(UiFixture& f, const std::string& name) {
    for (const auto& member : f.runtime.area<services::board::BoardServices>().members.list())
        if (member.displayName == name) return member.id;
    FAIL("no demo member " << name);
    return {};
}

void typeText(UiFixture& f, const std::string& text) {
    for (const char c : text) {
        if (c == ' ')
            f.tap("kbd.space");
        else
            f.tap(std::string("kbd.") + static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
}

void typeDigits(UiFixture& f, const std::string& digits) {
    for (const char digit : digits) f.tap(std::string("pad.") + digit);
}

void identifyByName(UiFixture& f, const std::string& name, const std::string& pin) {
    typeText(f, name);
    f.tap("kbd.done");
    typeDigits(f, pin);
    f.tap("pad.ok");
}

// Lucienne Fabre is the demo member with a card.
std::string lucienneCard() {
    for (const auto& member : services::demoMembers())
        if (std::string(member.name) == "Lucienne Fabre") return member.cardUid;
    FAIL("no demo member Lucienne Fabre");
    return {};
}

void showCard(UiFixture& f, const std::string& uid) {
    f.kiosk.ui().onReaderEvent({hardware::ReadKind::CardUid, uid, "test"});
    f.kiosk.frames(2);
}

// Every step is checked as the fit test checks the screens' first steps: nothing cut or spilling.
void checkFits(UiFixture& f, const char* step) {
    f.kiosk.frames(2);
    for (const auto& item : f.kiosk.drawn()) {
        INFO(step << " at " << f.kiosk.width() << "x" << f.kiosk.height() << ": " << item.id << " « " << item.text << " »");
        CHECK_FALSE(item.overflows);
        CHECK(item.max.y <= static_cast<float>(f.kiosk.height()) + 0.5f);
    }
}

void capture(UiFixture& f, const char* name) {
    checkFits(f, name);
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / (std::string(name) + ".png")));
}

// Lucienne Fabre (card) was helped by Marcel Roux (name and code) for 1 h 30.
void recordGardening(UiFixture& f, bool withPictures = false) {
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.timebank");
    REQUIRE(f.kiosk.state().screen == screens::kTimeBankExchangeScreen);
    if (withPictures) capture(f, "timebank-identify");
    checkFits(f, "receiver");
    showCard(f, lucienneCard());
    CHECK(f.kiosk.shows("A reçu le service : Lucienne Fabre"));
    checkFits(f, "provider");
    identifyByName(f, "Marcel Roux", "3579");
    CHECK(f.kiosk.shows("A rendu le service : Marcel Roux"));
    checkFits(f, "what");
    typeText(f, "Taille des rosiers");
    f.tap("kbd.done");
    typeDigits(f, "90");
    CHECK(f.kiosk.shows("1 h 30"));
    if (withPictures) capture(f, "timebank-minutes");
    f.tap("timebank.cesu");
    typeDigits(f, "1500");
    CHECK(f.kiosk.shows("15,00 €"));
    checkFits(f, "minutes with CESU");
    f.tap("timebank.cesu");
    f.tap("pad.ok");
    checkFits(f, "category");
    f.tap("timebank.category.garden");
    checkFits(f, "confirm");
    CHECK(f.kiosk.shows("Vérifiez avant de valider"));
    CHECK(f.kiosk.shows("Lucienne Fabre donne 1 h 30 à Marcel Roux."));
    if (withPictures) capture(f, "timebank-confirm");
}

}  // namespace

TEST_CASE("the café manager records an exchange at the counter and both members get a receipt", "[ui][timebank][screenshots]") {
    UiFixture f;
    const std::string lucienne = memberId(f, "Lucienne Fabre");
    const std::string marcel = memberId(f, "Marcel Roux");
    const auto lucienneBefore = timeBank(f).bank.balance(lucienne);
    const auto marcelBefore = timeBank(f).bank.balance(marcel);
    REQUIRE(f.runtime.previewPrinter);
    const std::size_t printedBefore = f.runtime.previewPrinter->lastReceipts().size();

    recordGardening(f, true);
    f.tap("timebank.confirm");
    CHECK(f.kiosk.shows("C’est enregistré."));
    capture(f, "timebank-done");
    CHECK(timeBank(f).bank.balance(lucienne) == lucienneBefore - 90);
    CHECK(timeBank(f).bank.balance(marcel) == marcelBefore + 90);

    const auto receipts = f.runtime.previewPrinter->lastReceipts();
    REQUIRE(receipts.size() == printedBefore + 2);
    CHECK(receipts[receipts.size() - 1].kind == "time_bank_receipt");
    CHECK(receipts[receipts.size() - 2].kind == "time_bank_receipt");
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(hardware::writePreviewPng(receipts.back(), *hardware::escpos::findPrinterProfile("generic-80"),
                                        std::filesystem::path(dir) / "timebank-receipt.png"));

    // Undone at once: a counter-transfer, two more receipts, the balances back where they were.
    f.tap("timebank.undo");
    CHECK(f.kiosk.shows("L’échange est annulé par un échange en sens inverse. Les reçus s’impriment."));
    CHECK(timeBank(f).bank.balance(lucienne) == lucienneBefore);
    CHECK(f.runtime.previewPrinter->lastReceipts().size() == printedBefore + 4);
    CHECK(timeBank(f).bank.check().sound());
}

TEST_CASE("a double tap on « Valider » records the exchange once", "[ui][timebank]") {
    UiFixture f;
    const std::string marcel = memberId(f, "Marcel Roux");
    const auto before = timeBank(f).bank.balance(marcel);
    recordGardening(f);
    const ui::DrawnItem* confirm = f.kiosk.find("timebank.confirm");
    REQUIRE(confirm);
    const ImVec2 at = confirm->center();
    f.kiosk.tapAt(at.x, at.y);
    f.kiosk.tapAt(at.x, at.y);  // the finger again, where the button was
    f.kiosk.frames(2);
    CHECK(timeBank(f).bank.balance(marcel) == before + 90);
    CHECK(f.kiosk.shows("C’est enregistré."));
}

TEST_CASE("the same member on both sides and a wrong code are refused with a clear message", "[ui][timebank][bad-input]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.timebank");
    identifyByName(f, "Lucienne Fabre", "0000");
    CHECK(f.kiosk.shows("Nom ou code incorrect. Vérifiez et réessayez."));
    showCard(f, "DEADBEEF");
    CHECK(f.kiosk.shows("Cette carte n’est pas celle d’un membre."));
    showCard(f, lucienneCard());
    showCard(f, lucienneCard());
    CHECK(f.kiosk.shows("C’est le même membre : il faut deux personnes pour un échange."));
    CHECK(f.kiosk.state().screen == screens::kTimeBankExchangeScreen);
}

TEST_CASE("a balance limit sends the manager back to the time with the limit named", "[ui][timebank]") {
    services::KioskConfig config;
    config.demoData = true;
    config.areas.get<services::timebank::TimeBankSettings>().minBalanceMinutes = -60;
    UiFixture f(1280, 800, config);
    const std::string lucienne = memberId(f, "Lucienne Fabre");
    const auto before = timeBank(f).bank.balance(lucienne);
    recordGardening(f);
    f.tap("timebank.confirm");
    CHECK(f.kiosk.shows("Le solde de Lucienne Fabre descendrait sous la limite (-1 h)."));
    CHECK(f.kiosk.find("timebank.minutes"));
    CHECK(timeBank(f).bank.balance(lucienne) == before);
}

TEST_CASE("a member's balance and this month's statement, printed on request", "[ui][timebank][screenshots]") {
    UiFixture f;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.timebank");
    f.tap("timebank.see_balance");
    REQUIRE(f.kiosk.state().screen == screens::kTimeBankBalanceScreen);
    identifyByName(f, "Marcel Roux", "3579");
    const auto balance = timeBank(f).bank.balance(memberId(f, "Marcel Roux"));
    CHECK(f.kiosk.shows("Solde de Marcel Roux : " + std::string(balance > 0 ? "+" : "") +
                        services::timebank::formatMinutes(balance)));
    capture(f, "timebank-balance");
    const std::size_t printedBefore = f.runtime.previewPrinter->lastReceipts().size();
    f.tap("timebank.balance.print");
    CHECK(f.kiosk.shows("Le relevé s’imprime."));
    REQUIRE(f.runtime.previewPrinter->lastReceipts().size() == printedBefore + 1);
    CHECK(f.runtime.previewPrinter->lastReceipts().back().kind == "time_bank_statement");
    f.tap("timebank.balance.previous");
    CHECK(f.kiosk.find("timebank.balance.next"));
}

TEST_CASE("every step of an exchange and the statement fit the small screen in French and English", "[ui][timebank]") {
    for (const char* language : {"fr", "en"}) {
        services::KioskConfig config;
        config.language = language;
        UiFixture f(1024, 600, config);
        INFO(language);
        if (std::string(language) == "fr") {
            recordGardening(f);
        } else {
            f.signIn("Julien Girard", "1357");
            f.tap("staff.home.timebank");
            checkFits(f, "receiver");
        }
        if (std::string(language) == "fr") {
            f.tap("timebank.confirm");
            checkFits(f, "done");
        }
        f.kiosk.ui().openScreen(screens::kTimeBankBalanceScreen);
        f.kiosk.frames(2);
        identifyByName(f, "Lucienne Fabre", "2468");
        checkFits(f, "statement");
        CHECK(f.kiosk.find("timebank.balance.print"));
    }
}
