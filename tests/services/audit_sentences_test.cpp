#include "kiosk/i18n/translations.h"
#include "kiosk/services/audit_sentences.h"
#include "kiosk/services/staff_service.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace vk::services;
using vk::i18n::catalog;
using vk::i18n::setLanguage;

namespace fs = std::filesystem;

namespace {

// One audit(...) call of the code: the action names it can write, and the names of the values it gives when they
// are written out in the call ({{"member", …}}). `valuesKnown` is false when the values come from elsewhere.
struct AuditCall {
    std::string where;
    std::vector<std::string> actions;
    std::set<std::string> values;
    bool valuesKnown = false;
};

std::string placeholderOf(const std::string& valueName) {
    for (const char* suffix : {"_key", "_day", "_time", "_cents", "_at"}) {
        const std::string s = suffix;
        if (valueName.size() > s.size() && valueName.compare(valueName.size() - s.size(), s.size(), s) == 0)
            return valueName.substr(0, valueName.size() - s.size());
    }
    return valueName;
}

std::vector<AuditCall> auditCallsInCode() {
    std::vector<AuditCall> calls;
    const std::regex dotted(R"re("([a-z_]+\.[a-z_.]+)")re");
    const std::regex valueName(R"re(\{"([a-z_]+)",)re");
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(VK_SOURCE_DIR) / "kiosk")) {
        if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (std::size_t at = source.find("audit("); at != std::string::npos; at = source.find("audit(", at + 1)) {
            if (at > 0 && (std::isalnum(static_cast<unsigned char>(source[at - 1])) || source[at - 1] == '_')) continue;
            // The call's text, to its closing parenthesis.
            std::size_t end = at + 6;
            for (int depth = 1; end < source.size() && depth > 0; ++end)
                depth += source[end] == '(' ? 1 : source[end] == ')' ? -1 : 0;
            const std::string call = source.substr(at + 6, end - at - 7);
            if (call.find("const std::string& action") != std::string::npos) continue;  // the declaration
            const std::size_t braces = call.find('{');
            const std::string head = call.substr(0, braces);
            AuditCall found;
            found.where = entry.path().filename().string();
            for (std::sregex_iterator it(head.begin(), head.end(), dotted), none; it != none; ++it)
                found.actions.push_back((*it)[1]);
            if (found.actions.empty()) continue;
            found.valuesKnown = braces != std::string::npos || call.find(',', head.rfind('"')) == std::string::npos;
            if (braces != std::string::npos) {
                const std::string rest = call.substr(braces);
                for (std::sregex_iterator it(rest.begin(), rest.end(), valueName), none; it != none; ++it)
                    found.values.insert((*it)[1]);
            }
            calls.push_back(found);
        }
    }
    return calls;
}

std::vector<std::string> sentencesOf(const vk::i18n::Catalog& texts, const std::string& action) {
    std::vector<std::string> sentences;
    for (const std::string& key : {"audit.sentence." + action, "audit.sentence." + action + ".one",
                                   "audit.sentence." + action + ".other"})
        if (const auto found = texts.find(key); found != texts.end()) sentences.push_back(found->second);
    return sentences;
}

vk::storage::AuditEntry lineOf(const std::string& action, const AuditValues& values) {
    vk::storage::AuditEntry entry;
    entry.action = action;
    entry.detail = values.empty() ? std::string() : auditDetail(values);
    return entry;
}

}  // namespace

TEST_CASE("every line the code writes to the activity log has a sentence in every language, using only the values "
          "its call gives",
          "[i18n][audit]") {
    const auto calls = auditCallsInCode();
    REQUIRE(calls.size() > 60);  // the scan found the calls
    const std::regex placeholder(R"re(\{([a-z_]+)\})re");
    for (const std::string& language : vk::i18n::availableLanguages())
        for (const AuditCall& call : calls)
            for (const std::string& action : call.actions) {
                INFO(language << ": audit.sentence." << action << " (written in " << call.where << ")");
                const auto sentences = sentencesOf(catalog(language), action);
                CHECK(!sentences.empty());
                if (!call.valuesKnown) continue;
                std::set<std::string> given;
                for (const std::string& value : call.values) given.insert(placeholderOf(value));
                for (const std::string& sentence : sentences)
                    for (std::sregex_iterator it(sentence.begin(), sentence.end(), placeholder), none; it != none; ++it) {
                        INFO("{" << (*it)[1] << "} in « " << sentence << " »");
                        CHECK(given.count((*it)[1]) == 1);
                    }
            }
}

TEST_CASE("the actions whose name the code chooses at run time have their sentence too", "[i18n][audit]") {
    // Written through a variable (the waiting room's moves, moderation, the time bank and the accounts).
    for (const char* action : {"health.desk_check_in", "health.back_to_waiting", "health.call", "health.done",
                               "health.no_show", "health.status", "health.appointment.cancel", "board.post.approve",
                               "board.post.hide", "timebank.transfer", "timebank.correct", "orders.account.settle",
                               "orders.account.correct", "backup"})
        for (const std::string& language : vk::i18n::availableLanguages()) {
            INFO(language << ": " << action);
            CHECK(!sentencesOf(catalog(language), action).empty());
        }
}

TEST_CASE("an activity log line reads as a sentence with the names it was written with, in the reader's language",
          "[audit]") {
    setLanguage("fr");
    CHECK(auditSentence(lineOf("board.member.add", {{"member", "Marie Dupont"}})) == "Nouveau membre : Marie Dupont");
    CHECK(auditSentence(lineOf("staff.account.create", {{"name", "Julien Girard"}, {"role_key", "staff.role.cafe_manager"}})) ==
          "Compte créé pour Julien Girard (Gérant du café)");
    setLanguage("en");
    CHECK(auditSentence(lineOf("staff.account.create", {{"name", "Julien Girard"}, {"role_key", "staff.role.cafe_manager"}})) ==
          "Account created for Julien Girard (Café manager)");
    setLanguage("fr");
}

TEST_CASE("days, times, amounts and counts in a log line are said the reader's way", "[audit]") {
    setLanguage("fr");
    CHECK(auditSentence(lineOf("rota.hours.add", {{"on_day", "2026-12-01"}, {"opens_time", "09:30"}, {"closes_time", "12:00"}})) ==
          "Consultations le mardi 1er décembre 2026 de 9 h 30 à 12 h");
    CHECK(auditSentence(lineOf("postal.item.add", {{"item", "Lettre verte"}, {"price_cents", "152"}})) ==
          "« Lettre verte » ajouté au catalogue à 1,52 €");
    CHECK(auditSentence(lineOf("rota.announce", {{"count", "1"}})) == "Retard du médecin annoncé : 1 minute");
    CHECK(auditSentence(lineOf("rota.announce", {{"count", "20"}})) == "Retard du médecin annoncé : 20 minutes");
    setLanguage("en");
    CHECK(auditSentence(lineOf("rota.hours.add", {{"on_day", "2026-12-01"}, {"opens_time", "09:30"}, {"closes_time", "12:00"}})) ==
          "Consultations on Tuesday 1 December 2026 from 9:30 to 12:00");
    setLanguage("fr");
}

TEST_CASE("a log line from before sentences, or of an action this kiosk does not know, still shows what it said",
          "[audit][bad-input]") {
    setLanguage("fr");
    vk::storage::AuditEntry old;
    old.action = "staff.locked_out";
    old.detail = "lock 1, 5 wrong PINs, 5 min";
    CHECK(auditSentence(old) == "Compte bloqué après des codes incorrects — lock 1, 5 wrong PINs, 5 min");
    vk::storage::AuditEntry broken = old;
    broken.detail = "{\"count\": ";  // cut in the middle
    CHECK_THAT(auditSentence(broken), Catch::Contains("{\"count\": "));
    CHECK(auditSentence(lineOf("kiosk.newer_action", {{"what", "x"}})) == "audit.kiosk.newer_action — x");
}

TEST_CASE("a log line keeps a 10 kB name, control characters and broken UTF-8 without losing the line", "[audit][bad-input]") {
    setLanguage("fr");
    const std::string longName(10'000, 'a');
    CHECK_THAT(auditSentence(lineOf("board.member.add", {{"member", longName}})), Catch::Contains(longName));
    const std::string broken = std::string("Ren") + static_cast<char>(0xC3) + "\x1b[2J";
    const auto line = lineOf("board.member.add", {{"member", broken}});
    CHECK_FALSE(line.detail.empty());
    CHECK_THAT(auditSentence(line), Catch::StartsWith("Nouveau membre : Ren"));
}

TEST_CASE("what the services write reads as sentences with names, never a record id", "[audit]") {
    setLanguage("fr");
    vk::storage::Database db = vk::storage::Database::openInMemory();
    ManualClock clock{1'800'000'000'000};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    const StaffSession* const commandLine = &systemActor(SystemActor::CommandLine);
    const auto claire = staff.createAccount(commandLine, "Claire Moreau", StaffRole::MedicalAssistant, "258046").account;
    REQUIRE(claire);
    staff.changeRole(commandLine, claire->id, StaffRole::CafeManager);
    staff.removeAccount(commandLine, claire->id);
    std::vector<std::string> sentences;
    for (const auto& entry : staff.recentAudit(10)) sentences.push_back(auditSentence(entry));
    REQUIRE(sentences.size() == 3);
    const std::regex recordId("[0-9a-f]{8}-[0-9a-f]{4}-");
    for (const std::string& sentence : sentences) {
        INFO(sentence);
        CHECK_THAT(sentence, Catch::Contains("Claire Moreau"));
        CHECK_FALSE(std::regex_search(sentence, recordId));
    }
    CHECK_THAT(sentences[0] + sentences[1] + sentences[2], Catch::Contains("Gérant du café"));
}

TEST_CASE("the kiosk's own actors are named in the reader's language, staff by their name", "[audit][i18n]") {
    vk::storage::AuditEntry entry;
    entry.actorName = "demo data";
    setLanguage("fr");
    CHECK(auditActorName(entry) == "données de démonstration");
    setLanguage("en");
    CHECK(auditActorName(entry) == "demo data");
    setLanguage("fr");
    entry.actorId = "0190a1b2-0000-7000-8000-000000000001";
    entry.actorName = "kiosk";  // a person may be called anything
    CHECK(auditActorName(entry) == "kiosk");
    for (const StaffSession* actor : {&systemActor(SystemActor::CommandLine), &systemActor(SystemActor::Kiosk),
                                      &systemActor(SystemActor::DemoData), &systemActor(SystemActor::RetentionJob),
                                      &systemActor(SystemActor::RotaFeed), &systemActor(SystemActor::BookingFeed),
                                      &systemActor(SystemActor::AgendaFeed)}) {
        INFO(actor->displayName);
        CHECK(catalog("fr").count("audit.actor." + std::regex_replace(actor->displayName, std::regex(" "), "_")) == 1);
    }
}

