#include "kiosk/i18n/translations.h"
#include "kiosk/services/audit_sentences.h"
#include "services/meals/meals_fixture.h"
#include "storage/retention.h"

#include <algorithm>

using namespace vk;
using namespace vk::services;
using namespace vk::services::meals;
using namespace vk::services::meals::testing;

namespace {

std::int64_t mealsOf(const std::vector<FunderCount>& counts, const std::string& funder, MealMode mode) {
    for (const auto& c : counts)
        if (c.funder == funder) return mode == MealMode::Home ? c.atHome : c.atCafe;
    return -1;
}

}  // namespace

TEST_CASE("the month's count per funder adds the meals of the days confirmed served, by mode", "[meals][counts]") {
    MealsFixture f;
    f.setNow("2030-05-01", "09:00");
    auto early = MealsFixture::form("Marcel Dupuis", "cafe", "CCAS");
    early.consentOn = early.startsOn = "2030-05-01";
    const auto marcel = f.added(early);
    auto home = MealsFixture::form("Jeanne Leroy", "home", "Département", "sans sel");
    home.consentOn = home.startsOn = "2030-05-01";
    home.weekdays = *parseWeekdays("mon,wed,fri");
    f.added(home);
    auto other = MealsFixture::form("Lucien Blanc", "home", "CCAS");
    other.consentOn = other.startsOn = "2030-05-01";
    const auto lucien = f.added(other);

    // 31 May is a Friday (all three), 3 June a Monday (all three, Lucien absent), 4 June a Tuesday (not Jeanne).
    f.setNow("2030-06-04", "18:00");
    REQUIRE(f.meals.confirmServed(&f.manager, "2030-05-31", {}).ok());
    const ServeResult june3 = f.meals.confirmServed(&f.manager, "2030-06-03", {lucien.id});
    REQUIRE(june3.ok());
    CHECK(june3.served == 2);
    CHECK(june3.absent == 1);
    REQUIRE(f.meals.confirmServed(&f.manager, "2030-06-04", {}).ok());

    const auto june = f.meals.monthCount("2030-06");
    REQUIRE(june.size() == 2);
    CHECK(june[0].funder == "CCAS");  // by the funder's name
    CHECK(mealsOf(june, "CCAS", MealMode::Cafe) == 2);
    CHECK(mealsOf(june, "CCAS", MealMode::Home) == 1);
    CHECK(mealsOf(june, "Département", MealMode::Home) == 1);
    CHECK(mealsOf(june, "Département", MealMode::Cafe) == 0);
    std::int64_t total = 0;
    for (const auto& c : june) total += c.total();
    CHECK(total == 4);

    const auto may = f.meals.monthCount("2030-05");
    CHECK(mealsOf(may, "CCAS", MealMode::Cafe) == 1);
    CHECK(mealsOf(may, "CCAS", MealMode::Home) == 1);
    CHECK(mealsOf(may, "Département", MealMode::Home) == 1);
    CHECK(f.meals.monthCount("2030-07").empty());
    (void)marcel;
}

TEST_CASE("a day's meals are confirmed once, once the day has come, and only its own recipients can be absent",
          "[meals][counts]") {
    MealsFixture f;
    const auto marcel = f.added(MealsFixture::form("Marcel Dupuis", "cafe", "CCAS"));
    CHECK(f.meals.confirmServed(&f.manager, "2030-06-13", {}).error == MealError::DayInFuture);
    CHECK(f.meals.confirmServed(&f.manager, "2030-06-12", {"not-a-recipient"}).error == MealError::RecipientUnknown);
    CHECK(f.count("SELECT count(*) FROM meal_service_day") == 0);
    REQUIRE(f.meals.confirmServed(&f.manager, "2030-06-12", {}).ok());
    CHECK(f.meals.confirmServed(&f.manager, "2030-06-12", {marcel.id}).error == MealError::DayAlreadyServed);
    CHECK(mealsOf(f.meals.monthCount("2030-06"), "CCAS", MealMode::Cafe) == 1);
    const auto served = f.meals.serviceDay("2030-06-12");
    REQUIRE(served);
    CHECK(served->confirmedBy == "Paul Café");
    const auto lines = f.audit("meals.serve");
    REQUIRE(lines.size() == 1);
    i18n::setLanguage("fr");
    CHECK(auditSentence(lines.front()) == "Repas du mercredi 12 juin 2030 confirmés : 1 servi ; absents : 0");
}

TEST_CASE("nobody is registered without a recorded consent", "[meals][consent]") {
    MealsFixture f;
    auto noDay = MealsFixture::form("Marcel Dupuis", "cafe", "CCAS");
    noDay.consentOn = "";
    CHECK(f.meals.addRecipient(&f.manager, noDay).error == MealError::ConsentMissing);
    auto noOne = MealsFixture::form("Marcel Dupuis", "cafe", "CCAS");
    noOne.consentBy = "   ";
    CHECK(f.meals.addRecipient(&f.manager, noOne).error == MealError::ConsentMissing);
    auto later = MealsFixture::form("Marcel Dupuis", "cafe", "CCAS");
    later.consentOn = "2030-06-13";  // tomorrow: a consent not given yet
    CHECK(f.meals.addRecipient(&f.manager, later).error == MealError::ConsentDayInvalid);
    CHECK(f.meals.recipients(&f.manager).empty());
    CHECK(f.audit("meals.add_recipient").empty());

    const auto marcel = f.added(MealsFixture::form("Marcel Dupuis", "cafe", "CCAS"));
    CHECK(marcel.details.consentOn == "2030-06-01");
    CHECK(marcel.details.consentBy == "Paul Café");
}

TEST_CASE("a 10 kB name, control characters and a bad date are refused with their reason, and nothing is lost",
          "[meals][bad-input]") {
    MealsFixture f;
    const auto jeanne = f.added(MealsFixture::form("Jeanne Leroy", "home", "CCAS", "mixé", "12 route de Vannes"));

    auto huge = MealsFixture::form(std::string(10'000, 'a'), "cafe", "CCAS");
    CHECK(f.meals.addRecipient(&f.manager, huge).error == MealError::NameInvalid);
    auto escape = MealsFixture::form("Ren\x1b[2Jé Martin", "cafe", "CCAS");
    CHECK(f.meals.addRecipient(&f.manager, escape).error == MealError::NameInvalid);
    auto addressEscape = MealsFixture::form("René Martin", "home", "CCAS", "", "1 rue\nHaute");
    CHECK(f.meals.addRecipient(&f.manager, addressEscape).error == MealError::AddressInvalid);
    auto noAddress = MealsFixture::form("René Martin", "home", "CCAS", "", "  ");
    noAddress.address = "  ";
    CHECK(f.meals.addRecipient(&f.manager, noAddress).error == MealError::AddressInvalid);
    auto badStart = MealsFixture::form("René Martin", "cafe", "CCAS");
    badStart.startsOn = "2030-02-30";
    CHECK(f.meals.addRecipient(&f.manager, badStart).error == MealError::StartInvalid);
    auto badEnd = MealsFixture::form("René Martin", "cafe", "CCAS");
    badEnd.endsOn = "2030-05-31";  // before the start
    CHECK(f.meals.addRecipient(&f.manager, badEnd).error == MealError::EndInvalid);
    auto badConsent = MealsFixture::form("René Martin", "cafe", "CCAS");
    badConsent.consentOn = "01/06/2030";
    CHECK(f.meals.addRecipient(&f.manager, badConsent).error == MealError::ConsentDayInvalid);
    auto longDiet = MealsFixture::form("René Martin", "cafe", "CCAS", std::string(61, 'x'));
    CHECK(f.meals.addRecipient(&f.manager, longDiet).error == MealError::DietInvalid);
    auto noDays = MealsFixture::form("René Martin", "cafe", "CCAS");
    noDays.weekdays = 0;
    CHECK(f.meals.addRecipient(&f.manager, noDays).error == MealError::DaysInvalid);
    CHECK_FALSE(parseWeekdays("mon,funday").has_value());

    // A bad edit leaves the record as it was.
    auto badEdit = formOf(jeanne);
    badEdit.name = std::string(10'000, 'b');
    CHECK(f.meals.editRecipient(&f.manager, jeanne.id, badEdit).error == MealError::NameInvalid);
    const auto kept = f.meals.recipient(&f.manager, jeanne.id);
    REQUIRE(kept);
    CHECK(kept->details == jeanne.details);
    CHECK(f.meals.recipients(&f.manager).size() == 1);

    // Each reason reads as a sentence in both languages, and in English on the command line.
    for (const MealError error : {MealError::NameInvalid, MealError::AddressInvalid, MealError::StartInvalid,
                                  MealError::ConsentDayInvalid}) {
        for (const char* language : {"fr", "en"}) {
            i18n::setLanguage(language);
            CHECK(std::string(i18n::tr(errorKey(error))) != errorKey(error));
        }
        CHECK_FALSE(describeError(error).empty());
    }
    i18n::setLanguage("fr");
}

TEST_CASE("only the café manager and admins see and change the register, and a refusal is audited",
          "[meals][rights]") {
    MealsFixture f;
    f.added(MealsFixture::form("Marcel Dupuis", "cafe", "CCAS"));
    CHECK(f.meals.addRecipient(&f.assistant, MealsFixture::form("René Martin", "cafe", "CCAS")).error ==
          MealError::NotAllowed);
    CHECK(f.meals.addRecipient(&systemActor(SystemActor::Kiosk), MealsFixture::form("René Martin", "cafe", "CCAS"))
              .error == MealError::NotAllowed);
    CHECK(f.meals.addRecipient(nullptr, MealsFixture::form("René Martin", "cafe", "CCAS")).error ==
          MealError::NotAllowed);
    CHECK(f.meals.recipients(&f.assistant).empty());
    CHECK(f.meals.recipients(&systemActor(SystemActor::Kiosk)).empty());
    CHECK(f.meals.recipients(&f.manager).size() == 1);
    CHECK(f.meals.recipients(&systemActor(SystemActor::CommandLine)).size() == 1);
    CHECK(f.meals.printKitchen(&f.assistant, kToday).error == MealError::NotAllowed);
    CHECK(f.printer.lastReceipts().empty());
    CHECK(f.audit("meals.refused").size() >= 3);
}

TEST_CASE("the activity log says what was done to the register without naming the person", "[meals][audit]") {
    MealsFixture f;
    const auto jeanne = f.added(MealsFixture::form("Jeanne Leroy", "home", "Département", "sans sel"));
    REQUIRE(f.meals.removeRecipient(&f.manager, jeanne.id) == MealError::None);
    CHECK(f.meals.recipients(&f.manager).empty());
    CHECK(f.meals.removeRecipient(&f.manager, jeanne.id) == MealError::RecipientUnknown);
    i18n::setLanguage("fr");
    const auto added = f.audit("meals.add_recipient");
    REQUIRE(added.size() == 1);
    CHECK(auditSentence(added.front()) == "Bénéficiaire de repas inscrit (à domicile, financeur Département)");
    for (const auto& entry : f.staff.recentAudit(100)) {
        CHECK(entry.detail.find("Jeanne") == std::string::npos);
        CHECK(entry.detail.find("Lilas") == std::string::npos);
    }
}

TEST_CASE("retention erases a recipient a period after their service ended and keeps the meals they were counted in",
          "[meals][retention]") {
    MealsFixture f;
    auto ending = MealsFixture::form("Jeanne Leroy", "home", "CCAS", "sans sel");
    ending.endsOn = "2030-06-12";
    const auto jeanne = f.added(ending);
    const auto marcel = f.added(MealsFixture::form("Marcel Dupuis", "cafe", "CCAS"));
    REQUIRE(f.meals.addDriver(&f.manager, kToday, kAnne) == MealError::None);
    REQUIRE(f.meals.assignStop(&f.manager, kToday, jeanne.id, kAnne) == MealError::None);
    REQUIRE(f.meals.confirmServed(&f.manager, kToday, {}).ok());

    // Within the period the person is kept, as is whoever is still served.
    f.setNow("2031-06-01", "10:00");
    storage::purgeExpired(f.db, {{"meals_days", 365}}, f.clock.nowMs());
    CHECK(f.count("SELECT count(*) FROM meal_recipient") == 2);

    f.setNow("2031-06-14", "10:00");
    const auto reports = storage::purgeExpired(f.db, {{"meals_days", 365}}, f.clock.nowMs());
    const auto report = std::find_if(reports.begin(), reports.end(),
                                     [](const storage::PurgeReport& r) { return r.key == "meals_days"; });
    REQUIRE(report != reports.end());
    CHECK(report->rowsDeleted == 1);
    CHECK(f.count("SELECT count(*) FROM meal_recipient WHERE name = 'Jeanne Leroy'") == 0);
    CHECK(f.count("SELECT count(*) FROM meal_round_stop") == 0);
    const auto left = f.meals.recipients(&f.manager);
    REQUIRE(left.size() == 1);
    CHECK(left.front().id == marcel.id);
    const auto june = f.meals.monthCount("2030-06");
    CHECK(mealsOf(june, "CCAS", MealMode::Home) == 1);
    CHECK(mealsOf(june, "CCAS", MealMode::Cafe) == 1);
}

TEST_CASE("someone removed from the register is erased a period after their removal", "[meals][retention]") {
    MealsFixture f;
    const auto marcel = f.added(MealsFixture::form("Marcel Dupuis", "cafe", "CCAS"));
    REQUIRE(f.meals.removeRecipient(&f.manager, marcel.id) == MealError::None);
    f.setNow("2031-06-11", "10:00");
    storage::purgeExpired(f.db, {{"meals_days", 365}}, f.clock.nowMs());
    CHECK(f.count("SELECT count(*) FROM meal_recipient") == 1);
    f.setNow("2031-06-13", "10:00");
    storage::purgeExpired(f.db, {{"meals_days", 365}}, f.clock.nowMs());
    CHECK(f.count("SELECT count(*) FROM meal_recipient") == 0);
}

TEST_CASE("the kitchen's list gives portions per mode and their diets, with no name and no address",
          "[meals][print]") {
    MealsFixture f;
    f.added(MealsFixture::form("Marcel Dupuis", "cafe", "CCAS", "sans sel"));
    f.added(MealsFixture::form("Odette Marchal", "cafe", "CCAS"));
    f.added(MealsFixture::form("Jeanne Leroy", "home", "Département", "sans sel", "12 route de Vannes"));
    f.added(MealsFixture::form("Lucien Blanc", "home", "CCAS", "sans sel", "4 impasse du Moulin"));
    f.added(MealsFixture::form("Yvonne Garnier", "home", "CCAS", "mixé", "La Croix Verte"));
    auto notToday = MealsFixture::form("René Martin", "cafe", "CCAS", "végétarien");
    notToday.weekdays = *parseWeekdays("mon");
    f.added(notToday);

    const KitchenList list = f.meals.kitchenList(&f.manager, kToday);
    CHECK(list.atCafe == 2);
    CHECK(list.atHome == 3);
    CHECK(dietSummary(list.homeDiets) == "2 sans sel, 1 mixé");
    CHECK(dietSummary(list.cafeDiets) == "1 sans sel");

    const PrintResult printed = f.meals.printKitchen(&f.manager, kToday);
    REQUIRE(printed.ok());
    REQUIRE(f.printer.lastReceipts().size() == 1);
    const hardware::Receipt receipt = f.printer.lastReceipts().back();
    CHECK(receipt.kind == "meals_kitchen_list");
    const std::string text = receiptText(receipt);
    INFO(text);
    CHECK(text.find("2 sans sel, 1 mixé") != std::string::npos);
    CHECK(text.find("végétarien") == std::string::npos);
    for (const char* personal : {"Marcel", "Odette", "Jeanne", "Lucien", "Yvonne", "Dupuis", "Vannes", "Moulin",
                                 "Croix Verte", "rue"})
        CHECK(text.find(personal) == std::string::npos);
    CHECK(f.audit("meals.print_kitchen").size() == 1);
}

TEST_CASE("the home recipients of a day are split evenly between its drivers, in round order, unless the staff "
          "gave one to a driver",
          "[meals][rounds]") {
    MealsFixture f;
    std::vector<MealRecipient> home;
    for (int i = 0; i < 5; ++i) {
        auto form = MealsFixture::form("Personne " + std::to_string(i), "home", "CCAS", "",
                                       std::to_string(i + 1) + " rue du Four");
        form.roundOrder = 10 * (5 - i);  // the round runs backwards from the order they were registered in
        home.push_back(f.added(form));
    }
    f.added(MealsFixture::form("Marcel Dupuis", "cafe", "CCAS"));

    CHECK(f.meals.plan(&f.manager, kToday).rounds.empty());  // no driver yet
    REQUIRE(f.meals.addDriver(&f.manager, kToday, kAnne) == MealError::None);
    REQUIRE(f.meals.addDriver(&f.manager, kToday, kBruno) == MealError::None);
    CHECK(f.meals.addDriver(&f.manager, kToday, kAnne) == MealError::DriverAlreadyOnRound);
    CHECK(f.meals.addDriver(&f.manager, kToday, "no-such-member") == MealError::DriverUnknown);

    DayPlan plan = f.meals.plan(&f.manager, kToday);
    REQUIRE(plan.rounds.size() == 2);
    CHECK(plan.atCafe.size() == 1);
    REQUIRE(plan.rounds[0].stops.size() == 3);
    REQUIRE(plan.rounds[1].stops.size() == 2);
    CHECK(plan.rounds[0].driverName == "Anne Martin");
    CHECK(plan.rounds[0].stops[0].id == home[4].id);  // round order, smallest first
    CHECK(plan.rounds[0].stops[2].id == home[2].id);
    CHECK(plan.rounds[1].stops[0].id == home[1].id);

    // The staff gives the first stop to Bruno: Anne keeps an even share of the rest.
    REQUIRE(f.meals.assignStop(&f.manager, kToday, home[4].id, kBruno) == MealError::None);
    CHECK(f.meals.assignStop(&f.manager, kToday, home[0].id, kChantal) == MealError::DriverNotOnRound);
    plan = f.meals.plan(&f.manager, kToday);
    CHECK(plan.rounds[0].stops.size() == 3);
    REQUIRE(plan.rounds[1].stops.size() == 2);
    CHECK(plan.rounds[1].stops[0].id == home[4].id);
    CHECK(plan.rounds[0].stops[0].id == home[3].id);

    // A driver who drops out: their stops go back to the others.
    REQUIRE(f.meals.removeDriver(&f.manager, kToday, kBruno) == MealError::None);
    plan = f.meals.plan(&f.manager, kToday);
    REQUIRE(plan.rounds.size() == 1);
    CHECK(plan.rounds[0].stops.size() == 5);
}

TEST_CASE("each driver's printed list has the names and addresses of their own round only, in order",
          "[meals][print][rounds]") {
    MealsFixture f;
    const auto jeanne = f.added(MealsFixture::form("Jeanne Leroy", "home", "CCAS", "", "12 route de Vannes"));
    auto second = MealsFixture::form("Lucien Blanc", "home", "CCAS", "", "4 impasse du Moulin");
    second.roundOrder = 1;
    f.added(second);
    auto third = MealsFixture::form("Yvonne Garnier", "home", "CCAS", "", "La Croix Verte");
    third.roundOrder = 2;
    f.added(third);
    f.added(MealsFixture::form("Marcel Dupuis", "cafe", "CCAS"));
    REQUIRE(f.meals.addDriver(&f.manager, kToday, kAnne) == MealError::None);
    REQUIRE(f.meals.addDriver(&f.manager, kToday, kBruno) == MealError::None);

    const PrintResult printed = f.meals.printDrivers(&f.manager, kToday);
    REQUIRE(printed.ok());
    CHECK(printed.receipts == 2);
    const auto receipts = f.printer.lastReceipts();
    REQUIRE(receipts.size() == 2);
    const std::string anne = receiptText(receipts[0]);
    const std::string bruno = receiptText(receipts[1]);
    INFO(anne << "\n----\n" << bruno);
    CHECK(receipts[0].kind == "meals_driver_round");
    CHECK(anne.find("Anne Martin") != std::string::npos);
    CHECK(anne.find("1. Jeanne Leroy") != std::string::npos);
    CHECK(anne.find("12 route de Vannes") != std::string::npos);
    CHECK(anne.find("2. Lucien Blanc") != std::string::npos);
    CHECK(anne.find("4 impasse du Moulin") != std::string::npos);
    CHECK(anne.find("Croix Verte") == std::string::npos);
    CHECK(anne.find("Marcel") == std::string::npos);
    CHECK(bruno.find("1. Yvonne Garnier") != std::string::npos);
    CHECK(bruno.find("La Croix Verte") != std::string::npos);
    CHECK(bruno.find("Vannes") == std::string::npos);
    CHECK(bruno.find("Moulin") == std::string::npos);
    CHECK(bruno.find("Jeanne") == std::string::npos);
    (void)jeanne;
}

TEST_CASE("the impact report counts meals served at the café and delivered, per month, after the people are erased",
          "[meals][impact]") {
    MealsFixture f;
    f.setNow("2030-05-30", "10:00");
    auto cafe = MealsFixture::form("Marcel Dupuis", "cafe", "CCAS");
    cafe.consentOn = cafe.startsOn = "2030-05-01";
    f.added(cafe);
    auto home = MealsFixture::form("Jeanne Leroy", "home", "Département");
    home.consentOn = home.startsOn = "2030-05-01";
    home.endsOn = "2030-06-03";
    f.added(home);
    auto other = MealsFixture::form("Lucien Blanc", "home", "CCAS");
    other.consentOn = other.startsOn = "2030-05-01";
    f.added(other);
    f.setNow("2030-06-05", "18:00");
    for (const char* day : {"2030-05-30", "2030-05-31", "2030-06-03", "2030-06-04"})
        REQUIRE(f.meals.confirmServed(&f.manager, day, {}).ok());

    f.setNow("2031-07-01", "10:00");
    storage::purgeExpired(f.db, {{"meals_days", 365}}, f.clock.nowMs());
    CHECK(f.count("SELECT count(*) FROM meal_recipient") == 2);

    const MealsUsageSource source(f.db);
    const auto uses = source.usesBetween("2030-05-01", "2030-06-30");
    const auto find = [&](const std::string& kind, const std::string& month) -> std::int64_t {
        for (const auto& u : uses)
            if (u.kind == kind && u.month == month) {
                CHECK(u.service == "meals");
                CHECK(u.hours == 0);
                return u.uses;
            }
        return -1;
    };
    CHECK(uses.size() == 4);
    CHECK(find("meals_served", "2030-05") == 2);
    CHECK(find("meals_delivered", "2030-05") == 4);
    CHECK(find("meals_served", "2030-06") == 2);
    CHECK(find("meals_delivered", "2030-06") == 3);  // Jeanne's last day was the 3rd
    CHECK(source.usesBetween("2030-06-04", "2030-06-04").size() == 2);
    CHECK(source.usesBetween("2030-07-01", "2030-07-31").empty());
}
