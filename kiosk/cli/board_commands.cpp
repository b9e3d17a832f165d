#include "kiosk/cli/board_commands.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/user_text.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

namespace vk::cli {
namespace {

using services::board::BoardPost;
using services::board::BoardServices;
using services::board::PostError;
using services::board::Member;
using services::board::MemberError;

const services::StaffSession& commandLine() { return services::systemActor(services::SystemActor::CommandLine); }

// The English words of a refusal, for a technician's terminal.
std::string memberErrorText(MemberError error) {
    const auto& english = i18n::catalog("en");
    const auto found = english.find(services::board::memberErrorKey(error));
    return found == english.end() ? std::string(services::board::memberErrorKey(error)) : found->second;
}

nlohmann::json memberJson(const Member& member) {
    nlohmann::json json{{"id", member.id},
                        {"name", member.displayName},
                        {"village", member.village},
                        {"has_card", member.cardDigest.has_value()},
                        {"has_pin", member.pinHash.has_value()},
                        {"show_name", member.consent.showName},
                        {"show_phone", member.consent.showPhone},
                        {"share_with_territory", member.consent.shareWithTerritory},
                        {"created_at", member.createdAt}};
    json["phone"] = member.phone ? nlohmann::json(*member.phone) : nlohmann::json(nullptr);
    json["email"] = member.email ? nlohmann::json(*member.email) : nlohmann::json(nullptr);
    return json;
}

std::string englishText(std::string_view key) {
    const auto& english = i18n::catalog("en");
    const auto found = english.find(key);
    return found == english.end() ? std::string(key) : found->second;
}

std::string postErrorText(PostError error) { return englishText(services::board::postErrorKey(error)); }

nlohmann::json postJson(const BoardPost& post) {
    nlohmann::json json{{"id", post.id},
                        {"member_id", post.memberId},
                        {"kind", std::string(storage::directionKey(post.direction))},
                        {"category", post.content.category},
                        {"payment", std::string(storage::kindKey(post.content.kind))},
                        {"title", post.content.title},
                        {"text", post.content.body},
                        {"village", post.village},
                        {"status", std::string(storage::postStatusKey(post.status))},
                        {"flags", post.flagCount},
                        {"expires_at", post.expiresAt},
                        {"created_at", post.createdAt}};
    json["business_name"] = post.content.businessName ? nlohmann::json(*post.content.businessName) : nlohmann::json(nullptr);
    json["siret"] = post.content.siret ? nlohmann::json(*post.content.siret) : nlohmann::json(nullptr);
    return json;
}

void printPosts(const std::vector<BoardPost>& posts, bool json, std::ostream& out) {
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const BoardPost& post : posts) list.push_back(postJson(post));
        out << nlohmann::json{{"posts", list}, {"count", posts.size()}}.dump() << "\n";
        return;
    }
    for (const BoardPost& post : posts)
        out << post.id << "  " << storage::postStatusKey(post.status) << "  " << storage::directionKey(post.direction)
            << "  " << post.content.category << "  " << post.content.title << "\n";
    if (posts.empty()) out << "no posts\n";
}


int boardPost(BoardServices& board, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto member = arguments.option("member");
    const auto kind = arguments.option("kind");
    const auto category = arguments.option("category");
    const auto title = arguments.option("title");
    if (!member || !kind || !category || !title) {
        err << "village-kiosk: board post needs --member ID --kind offer|request --category C --title T [--text X]\n";
        return 2;
    }
    services::board::PostForm form;
    form.memberId = *member;
    const auto direction = storage::directionFromKey(*kind);
    if (!direction) {
        err << "village-kiosk: --kind is offer or request\n";
        return 2;
    }
    form.direction = *direction;
    const auto payment = storage::kindFromKey(arguments.option("payment").value_or("free"));
    if (!payment) {
        err << "village-kiosk: --payment is free, cesu or professional\n";
        return 2;
    }
    form.kind = *payment;
    form.category = *category;
    form.title = *title;
    form.text = arguments.option("text").value_or("");
    form.businessName = arguments.option("business").value_or("");
    form.siret = arguments.option("siret").value_or("");
    form.showPhone = arguments.flag("show-phone");
    const auto change = board.board.submit(form, &commandLine());
    if (!change.ok()) {
        err << "village-kiosk: " << postErrorText(change.error);
        if (change.error == PostError::CategoryUnknown) err << " (see: village-kiosk board categories)";
        err << "\n";
        return 1;
    }
    if (arguments.json())
        out << postJson(*change.post).dump() << "\n";
    else
        out << change.post->id << "\n";
    return 0;
}

int boardApprove(BoardServices& board, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    if (arguments.positional.size() != 2) {
        err << "village-kiosk: board approve takes the post's id\n";
        return 2;
    }
    const auto change = board.board.approve(&commandLine(), arguments.positional[1]);
    if (!change.ok()) {
        err << "village-kiosk: " << postErrorText(change.error) << "\n";
        return 1;
    }
    if (arguments.json())
        out << postJson(*change.post).dump() << "\n";
    else
        out << "approved " << change.post->id << "\n";
    return 0;
}

int boardCategories(BoardServices& board, const CommandArguments& arguments, std::ostream& out) {
    if (arguments.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const std::string& category : board.board.categories()) {
            const std::string label = board.board.isDefaultCategory(category)
                                          ? englishText(services::board::ExchangeBoard::categoryLabelKey(category))
                                          : category;
            list.push_back({{"id", category}, {"label", label}});
        }
        out << nlohmann::json{{"categories", list}}.dump() << "\n";
        return 0;
    }
    for (const std::string& category : board.board.categories()) out << category << "\n";
    return 0;
}

int boardExport(BoardServices& board, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto file = arguments.option("csv");
    if (!file) {
        err << "village-kiosk: board export needs --csv FILE\n";
        return 2;
    }
    const auto posts = board.board.allPosts();
    const std::string partial = *file + ".partial";
    {
        std::ofstream csv(partial, std::ios::binary | std::ios::trunc);
        csv << "id,kind,category,payment,title,text,village,status,business_name,siret,created_at,expires_at\r\n";
        for (const BoardPost& post : posts)
            csv << post.id << ',' << storage::directionKey(post.direction) << ',' << services::csvField(post.content.category)
                << ',' << storage::kindKey(post.content.kind) << ',' << services::csvField(post.content.title) << ','
                << services::csvField(post.content.body) << ',' << services::csvField(post.village) << ','
                << storage::postStatusKey(post.status) << ',' << services::csvField(post.content.businessName.value_or(""))
                << ',' << post.content.siret.value_or("") << ',' << post.createdAt << ',' << post.expiresAt << "\r\n";
        csv.flush();
        if (!csv) {
            std::remove(partial.c_str());
            err << "village-kiosk: cannot write " << *file << " (a full disk, or a folder you may not write)\n";
            return 1;
        }
    }
    if (std::rename(partial.c_str(), file->c_str()) != 0) {
        std::remove(partial.c_str());
        err << "village-kiosk: cannot write " << *file << "\n";
        return 1;
    }
    if (arguments.json())
        out << nlohmann::json{{"file", *file}, {"count", posts.size()}}.dump() << "\n";
    else
        out << posts.size() << " posts written to " << *file << "\n";
    return 0;
}

int membersAdd(BoardServices& board, const CommandArguments& arguments, std::istream& in, std::ostream& out,
               std::ostream& err) {
    const auto name = arguments.option("name");
    if (!name) {
        err << "village-kiosk: members add needs --name NAME\n";
        return 2;
    }
    services::board::MemberForm form;
    form.name = *name;
    form.village = arguments.option("village").value_or("");
    form.phone = arguments.option("phone").value_or("");
    form.email = arguments.option("email").value_or("");
    form.consent.showPhone = arguments.flag("show-phone");
    form.consent.showName = !arguments.flag("hide-name");
    form.consent.shareWithTerritory = arguments.flag("share-with-territory");
    // A PIN never goes on the command line (it would stay in the shell's history): one line on standard input.
    if (arguments.flag("pin-stdin")) {
        std::getline(in, form.pin);
        while (!form.pin.empty() && (form.pin.back() == '\r' || form.pin.back() == ' ')) form.pin.pop_back();
    }
    const auto change = board.members.add(&commandLine(), form);
    if (!change.ok()) {
        err << "village-kiosk: " << memberErrorText(change.error) << "\n";
        return 1;
    }
    if (arguments.json())
        out << memberJson(*change.member).dump() << "\n";
    else
        out << change.member->id << "\n";
    return 0;
}

int membersList(BoardServices& board, const CommandArguments& arguments, std::ostream& out) {
    const auto members = board.members.list(arguments.option("name").value_or(""));
    if (arguments.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const Member& member : members) list.push_back(memberJson(member));
        out << nlohmann::json{{"members", list}, {"count", members.size()}}.dump() << "\n";
        return 0;
    }
    for (const Member& member : members)
        out << member.id << "  " << member.displayName << (member.village.empty() ? "" : "  (" + member.village + ")")
            << "\n";
    if (members.empty()) out << "no members yet (village-kiosk members add --name NAME)\n";
    return 0;
}

}  // namespace

int runMembersCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                      std::ostream& out, std::ostream& err) {
    if (!arguments.error.empty()) {
        err << "village-kiosk: " << arguments.error << "\n";
        return 2;
    }
    auto& board = runtime.area<BoardServices>();
    const std::string action = arguments.action();
    if (action == "add") return membersAdd(board, arguments, in, out, err);
    if (action == "list") return membersList(board, arguments, out);
    err << "village-kiosk: members takes add or list (see --help)\n";
    return 2;
}

int runBoardCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                    std::ostream& out, std::ostream& err) {
    (void)in;
    if (!arguments.error.empty()) {
        err << "village-kiosk: " << arguments.error << "\n";
        return 2;
    }
    auto& board = runtime.area<BoardServices>();
    const std::string action = arguments.action();
    if (action == "categories") return boardCategories(board, arguments, out);
    if (action == "post") return boardPost(board, arguments, out, err);
    if (action == "approve") return boardApprove(board, arguments, out, err);
    if (action == "search") {
        if (arguments.positional.size() < 2) {
            err << "village-kiosk: board search takes what to look for\n";
            return 2;
        }
        std::string query;
        for (std::size_t i = 1; i < arguments.positional.size(); ++i) query += (i > 1 ? " " : "") + arguments.positional[i];
        printPosts(board.board.search(query), arguments.json(), out);
        return 0;
    }
    if (action == "list") {
        printPosts(arguments.flag("pending") ? board.board.allPosts(true) : board.board.allPosts(), arguments.json(), out);
        return 0;
    }
    if (action == "export") {
        const int code = boardExport(board, arguments, out, err);
        if (code == 0) runtime.staff.audit(&commandLine(), "board.export", {{"file", arguments.option("csv").value_or("")}});
        return code;
    }
    err << "village-kiosk: board takes categories, post, approve, search, list or export (see --help)\n";
    return 2;
}

const AreaCommand kBoardCommand{
    "board",
    "  village-kiosk board categories\n"
    "  village-kiosk board post --member ID --kind offer|request --category C --title T [--text X]\n"
    "                           [--payment free|cesu|professional --business NAME --siret N] [--show-phone]\n"
    "  village-kiosk board approve ID\n"
    "  village-kiosk board search QUERY\n"
    "  village-kiosk board list [--pending]\n"
    "  village-kiosk board export --csv FILE\n",
    {"pending", "show-phone"},
    &runBoardCommand};

const AreaCommand kMembersCommand{
    "members",
    "  village-kiosk members add --name NAME [--village V] [--phone P] [--email E] [--show-phone] [--pin-stdin]\n"
    "  village-kiosk members list [--name START]\n",
    {"show-phone", "hide-name", "share-with-territory", "pin-stdin"},
    &runMembersCommand};

}  // namespace vk::cli
