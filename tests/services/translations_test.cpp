#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace vk::i18n;

namespace {

// Every literal key passed to tr(), trf() or given as a widget label key in the code.
std::set<std::string> keysUsedInCode() {
    std::set<std::string> keys;
    const std::regex call(R"re(\btrf?\("([a-z0-9_.]+)"\s*[,)])re");
    // trn("key", n, …) looks up key.one and key.other.
    const std::regex plural(R"re(\btrn\("([a-z0-9_.]+)"\s*,)re");
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(VK_SOURCE_DIR) / "kiosk")) {
        if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (std::sregex_iterator it(source.begin(), source.end(), call), end; it != end; ++it) keys.insert((*it)[1]);
        for (std::sregex_iterator it(source.begin(), source.end(), plural), end; it != end; ++it) {
            keys.insert((*it)[1].str() + ".one");
            keys.insert((*it)[1].str() + ".other");
        }
    }
    return keys;
}

}  // namespace

TEST_CASE("every key the code uses exists in every language", "[i18n]") {
    const auto used = keysUsedInCode();
    REQUIRE(used.size() > 40);  // the scan found the calls
    for (const std::string& language : availableLanguages()) {
        const Catalog& texts = catalog(language);
        for (const std::string& key : used) {
            INFO(language << ": " << key);
            CHECK(texts.count(key) == 1);
        }
    }
}

// Every audit action the services write, as the activity log screen looks it up ("audit." + action).
std::set<std::string> auditActionsInCode() {
    std::set<std::string> actions;
    const std::regex audit(R"re(audit\([^;{]*?,\s*"([a-z_.]+)")re");
    const std::regex returned(R"re(return "((?:health|staff|rota)\.[a-z_.]+)")re");
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(VK_SOURCE_DIR) / "kiosk")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (const std::regex* pattern : {&audit, &returned})
            for (std::sregex_iterator it(source.begin(), source.end(), *pattern), end; it != end; ++it)
                actions.insert((*it)[1]);
    }
    return actions;
}

TEST_CASE("every audit action has words in every language", "[i18n][audit]") {
    const auto actions = auditActionsInCode();
    REQUIRE(actions.size() > 20);
    for (const std::string& language : availableLanguages())
        for (const std::string& action : actions) {
            INFO(language << ": audit." << action);
            CHECK(catalog(language).count("audit." + action) == 1);
        }
}

TEST_CASE("every language has exactly the keys of the French reference", "[i18n]") {
    const Catalog& french = catalog("fr");
    REQUIRE_FALSE(french.empty());
    for (const std::string& language : availableLanguages()) {
        const Catalog& texts = catalog(language);
        for (const auto& [key, text] : french) {
            INFO(language << " lacks " << key);
            CHECK(texts.count(key) == 1);
        }
        for (const auto& [key, text] : texts) {
            INFO(language << " has a key French lacks: " << key);
            CHECK(french.count(key) == 1);
        }
    }
    // Keys built at run time: the audit actions, weekdays and months.
    for (int day = 0; day < 7; ++day) CHECK(french.count("date.weekday." + std::to_string(day)) == 1);
    for (int month = 1; month <= 12; ++month) CHECK(french.count("date.month." + std::to_string(month)) == 1);
}

TEST_CASE("French comes first and an unknown language is refused, keeping the current one", "[i18n][bad-input]") {
    REQUIRE(availableLanguages().front() == "fr");
    REQUIRE(setLanguage("fr"));
    CHECK_FALSE(setLanguage("xx"));
    CHECK(currentLanguage() == "fr");
    CHECK(std::string(tr("common.back")) == "Retour");
    REQUIRE(setLanguage("en"));
    CHECK(std::string(tr("common.back")) == "Back");
    setLanguage("fr");
}

TEST_CASE("a missing key shows itself instead of nothing", "[i18n]") {
    CHECK(std::string(tr("no.such.key")) == "no.such.key");
}

TEST_CASE("placeholders are filled, every time they appear", "[i18n]") {
    setLanguage("fr");
    CHECK(trf("staff.home.hello", {{"name", "Claire"}}) == "Bonjour, Claire");
    CHECK(trf("staff.sign_in.locked", {{"minutes", "5"}, {"time", "14:35"}}) ==
          "Trop d’essais : ce compte est bloqué jusqu’à 14:35 (encore 5 min). Un administrateur peut le débloquer.");
}

TEST_CASE("counts take the plural form of their language, never « (s) »", "[i18n]") {
    setLanguage("fr");
    CHECK(trn("health.closed_days", 0, {{"count", "0"}}) == "0 jour de fermeture");
    CHECK(trn("health.closed_days", 1, {{"count", "1"}}) == "1 jour de fermeture");
    CHECK(trn("health.closed_days", 2, {{"count", "2"}}) == "2 jours de fermeture");
    setLanguage("en");
    CHECK(trn("health.closed_days", 0, {{"count", "0"}}) == "0 days closed");
    CHECK(trn("health.closed_days", 1, {{"count", "1"}}) == "1 day closed");
    setLanguage("fr");
    for (const std::string& language : availableLanguages())
        for (const auto& [key, text] : catalog(language)) {
            INFO(language << ": " << key << " = " << text);
            CHECK(text.find("(s)") == std::string::npos);
        }
}

TEST_CASE("times in sentences are written as French people read them", "[i18n]") {
    setLanguage("fr");
    CHECK(spokenTime("09:30") == "9 h 30");
    CHECK(spokenTime("14:00") == "14 h");
    setLanguage("en");
    CHECK(spokenTime("09:30") == "9:30");
    setLanguage("fr");
}

TEST_CASE("a translation file with a mistake is refused with its line", "[i18n][bad-input]") {
    CHECK_THROWS_WITH(parseCatalog("\"a\" = \"ok\"\n\"b\" = 3\n", "xx.toml"), Catch::Contains("line 2"));
    CHECK_THROWS_WITH(parseCatalog("\"a\" = \"unterminated\n", "xx.toml"), Catch::Contains("xx.toml, line 1"));
}

TEST_CASE("dates read the French way", "[i18n]") {
    setLanguage("fr");
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    // 2026-11-21 14:05 in Paris is 13:05 UTC.
    const std::int64_t at = 1'795'266'300'000;
    CHECK(longDate(at) == "samedi 21 novembre 2026");
    CHECK(clockTime(at) == "14:05");
    setLanguage("en");
    CHECK(longDate(at) == "Saturday 21 November 2026");
    setLanguage("fr");
}

TEST_CASE("a week is written with its days and its month, the first of the month as 1er", "[i18n]") {
    setLanguage("fr");
    CHECK(weekRange("2026-11-30") == "du lundi 30 novembre au vendredi 4 décembre");
    CHECK(weekRange("2026-12-07") == "du lundi 7 au vendredi 11 décembre");
    CHECK(weekRange("2026-12-28", 6) == "du lundi 28 décembre 2026 au dimanche 3 janvier 2027");
    CHECK(weekRange("2027-02-22") == "du lundi 22 au vendredi 26 février");
    CHECK(weekRange("2027-02-22", 6) == "du lundi 22 au dimanche 28 février");
    CHECK(weekRange("2026-06-01") == "du lundi 1er au vendredi 5 juin");
    CHECK(dayMonthYear(1, 3, 1950) == "1er mars 1950");
    CHECK(dayRange("2026-11-30", "2026-11-30") == "le lundi 30 novembre");
    CHECK(dayRange("2026-11-30", "2026-12-02") == "du lundi 30 novembre au mercredi 2 décembre");
    CHECK(dayRange("2026-11-30", "2026-12-04", false) == "du 30 novembre au 4 décembre");
    setLanguage("en");
    CHECK(weekRange("2026-11-30") == "from Monday 30 November to Friday 4 December");
    CHECK(dayMonthYear(1, 3, 1950) == "1 March 1950");
    setLanguage("fr");
}

TEST_CASE("a malformed week start is shown as it came, not as a wrong date", "[i18n][bad-input]") {
    setLanguage("fr");
    CHECK(weekRange("2026-13-01") == "2026-13-01");
    CHECK(weekRange("lundi") == "lundi");
    CHECK(weekRange("") == "");
    CHECK(dayText("2026-02-31") == "2026-02-31");  // no such day: not read as 3 March
}
