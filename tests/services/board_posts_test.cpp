#include "kiosk/cli/area_commands.h"
#include "kiosk/cli/board_commands.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/board/board_text.h"
#include "kiosk/services/demo_data.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/user_text.h"
#include "services/full_disk.h"
#include "storage/record_id.h"
#include "storage/retention.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace vk;
using namespace vk::services;
using namespace vk::services::board;

namespace {

constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;

struct BoardFixture {
    explicit BoardFixture(BoardSettings boardSettings = {}) : settings(std::move(boardSettings)) {}

    BoardSettings settings;
    storage::Database db = storage::Database::openInMemory();
    ManualClock clock{1'800'000'000'000};
    StaffService staff{db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    MemberRegistry members{db, clock, staff, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{5, 5}};
    ExchangeBoard board{db, clock, staff, settings};
    StaffSession manager{"manager", "Gérard", StaffRole::CafeManager, 0};

    Member member(const std::string& name, const std::string& village = "Saint-Aubin",
                  const std::string& phone = "", bool showPhone = false) {
        MemberForm form;
        form.name = name;
        form.village = village;
        form.phone = phone;
        form.consent.showPhone = showPhone;
        const auto change = members.add(&manager, form);
        REQUIRE(change.ok());
        return *change.member;
    }

    // A post by `author`, approved unless asked otherwise.
    BoardPost post(const Member& author, const std::string& title, const std::string& text = "",
                   PostDirection direction = PostDirection::Offer, const std::string& category = "garden",
                   bool approve = true) {
        PostForm form;
        form.memberId = author.id;
        form.direction = direction;
        form.category = category;
        form.title = title;
        form.text = text;
        const auto change = board.submit(form);
        REQUIRE(change.ok());
        if (approve) REQUIRE(board.approve(&manager, change.post->id).ok());
        return *board.find(change.post->id);
    }

    std::vector<std::string> titlesFound(const std::string& query) {
        std::vector<std::string> titles;
        for (const auto& found : board.search(query)) titles.push_back(found.content.title);
        return titles;
    }

    int auditCount(const std::string& action) {
        int count = 0;
        for (const auto& entry : staff.recentAudit(1000))
            if (entry.action == action) ++count;
        return count;
    }
};

PostForm formFor(const Member& member, const std::string& title) {
    PostForm form;
    form.memberId = member.id;
    form.category = "garden";
    form.title = title;
    return form;
}

}  // namespace

// ---- Posting and moderation ----

TEST_CASE("a new post waits for the manager and reaches the board once approved", "[board][posts]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    const auto submitted = f.board.submit(formFor(marie, "Je tonds votre pelouse"));
    REQUIRE(submitted.ok());
    CHECK(storage::isRecordId(submitted.post->id));
    CHECK(submitted.post->status == PostStatus::Pending);
    CHECK(submitted.post->village == "Saint-Aubin");
    CHECK(submitted.post->expiresAt == f.clock.nowMs() + 30 * kDay);
    CHECK(f.board.browse(PostDirection::Offer).empty());
    REQUIRE(f.board.awaitingModeration().size() == 1);

    REQUIRE(f.board.approve(&f.manager, submitted.post->id).ok());
    const auto shown = f.board.browse(PostDirection::Offer);
    REQUIRE(shown.size() == 1);
    CHECK(shown[0].content.title == "Je tonds votre pelouse");
    CHECK(f.board.awaitingModeration().empty());
    CHECK(f.auditCount("board.post.submit") == 1);
    CHECK(f.auditCount("board.post.approve") == 1);
}

TEST_CASE("only the café manager or an admin moderates, and a refusal is audited", "[board][posts][moderation]") {
    BoardFixture f;
    const BoardPost post = f.post(f.member("Marie Dupont"), "Tonte", "", PostDirection::Offer, "garden", false);
    const StaffSession assistant{"a", "Claire", StaffRole::MedicalAssistant, 0};
    CHECK(f.board.approve(&assistant, post.id).error == PostError::NotAllowed);
    CHECK(f.board.approve(nullptr, post.id).error == PostError::NotAllowed);
    CHECK(f.board.remove(&assistant, post.id).error == PostError::NotAllowed);
    CHECK(f.board.find(post.id)->status == PostStatus::Pending);
    CHECK(f.auditCount("board.post.refused") == 3);
}

TEST_CASE("one flag takes a post off the board until the manager looks at it again", "[board][posts][moderation]") {
    BoardFixture f;
    const BoardPost post = f.post(f.member("Marie Dupont"), "Tonte de pelouse");
    REQUIRE(f.board.flag(post.id).ok());
    CHECK(f.board.browse(PostDirection::Offer).empty());
    CHECK(f.board.search("tonte").empty());
    const auto queue = f.board.awaitingModeration();
    REQUIRE(queue.size() == 1);
    CHECK(queue[0].status == PostStatus::Flagged);
    CHECK(queue[0].flagCount == 1);
    // A post no longer shown cannot be flagged again from the kiosk.
    CHECK(f.board.flag(post.id).error == PostError::NotOnBoard);
    REQUIRE(f.board.approve(&f.manager, post.id).ok());
    CHECK(f.board.browse(PostDirection::Offer).size() == 1);
    CHECK(f.auditCount("board.post.flag") == 1);
}

TEST_CASE("the manager hides, edits, extends and deletes a post, each audited", "[board][posts][moderation]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    const BoardPost post = f.post(marie, "Tonte");

    REQUIRE(f.board.hide(&f.manager, post.id).ok());
    CHECK(f.board.browse(PostDirection::Offer).empty());
    REQUIRE(f.board.approve(&f.manager, post.id).ok());

    PostForm edit = formFor(marie, "Tonte et taille de haies");
    edit.text = "Le samedi matin";
    const auto edited = f.board.edit(&f.manager, post.id, edit);
    REQUIRE(edited.ok());
    CHECK(edited.post->content.title == "Tonte et taille de haies");
    CHECK(f.titlesFound("haies") == std::vector<std::string>{"Tonte et taille de haies"});

    f.clock.advanceMs(10 * kDay);
    const auto extended = f.board.extend(&f.manager, post.id);
    REQUIRE(extended.ok());
    CHECK(extended.post->expiresAt == post.expiresAt + 30 * kDay);

    REQUIRE(f.board.remove(&f.manager, post.id).ok());
    CHECK_FALSE(f.board.find(post.id));
    CHECK(f.board.search("haies").empty());
    CHECK(f.db.sql().execAndGet("SELECT deleted_at IS NOT NULL FROM board_post").getInt() == 1);
    for (const char* action : {"board.post.hide", "board.post.edit", "board.post.extend", "board.post.delete"})
        CHECK(f.auditCount(action) == 1);
}

TEST_CASE("an expired post leaves the board, can be renewed, and is purged after the retention period", "[board][posts][expiry]") {
    BoardFixture f;
    const BoardPost post = f.post(f.member("Marie Dupont"), "Tonte");
    f.clock.advanceMs(30 * kDay);
    CHECK(f.board.browse(PostDirection::Offer).empty());
    CHECK(f.board.search("tonte").empty());
    REQUIRE(f.board.extend(&f.manager, post.id).ok());
    CHECK(f.board.browse(PostDirection::Offer).size() == 1);

    f.clock.advanceMs(31 * kDay);
    CHECK(f.board.browse(PostDirection::Offer).empty());
    storage::purgeExpired(f.db, {{"board_posts_days", 90}}, f.clock.nowMs());
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM board_post").getInt() == 1);
    f.clock.advanceMs(90 * kDay);
    storage::purgeExpired(f.db, {{"board_posts_days", 90}}, f.clock.nowMs());
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM board_post").getInt() == 0);
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM board_post_search").getInt() == 0);
}

TEST_CASE("the board lists by offers or requests, category and kind, newest first", "[board][posts]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    f.post(marie, "Tonte", "", PostDirection::Offer, "garden");
    f.clock.advanceMs(1000);
    f.post(marie, "Courses au marché", "", PostDirection::Offer, "transport");
    f.clock.advanceMs(1000);
    f.post(marie, "Cherche jardinier", "", PostDirection::Request, "garden");
    f.clock.advanceMs(1000);
    f.post(marie, "Taille de haies", "", PostDirection::Offer, "garden");

    const auto offers = f.board.browse(PostDirection::Offer);
    REQUIRE(offers.size() == 3);
    CHECK(offers[0].content.title == "Taille de haies");
    CHECK(offers[2].content.title == "Tonte");
    const auto garden = f.board.browse(PostDirection::Offer, std::string("garden"));
    REQUIRE(garden.size() == 2);
    CHECK(garden[0].content.title == "Taille de haies");
    CHECK(f.board.browse(PostDirection::Request).size() == 1);
    CHECK(f.board.browse(PostDirection::Offer, std::nullopt, PostKind::Cesu).empty());
}

TEST_CASE("a removed member's posts leave the board with them", "[board][posts][members]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    f.post(marie, "Tonte");
    REQUIRE(f.members.remove(&f.manager, marie.id).ok());
    CHECK(f.board.browse(PostDirection::Offer).empty());
}

// ---- Kinds, SIRET ----

TEST_CASE("a SIRET's check digit is verified, La Poste's own rule included", "[board][siret]") {
    CHECK(isValidSiret("73282932000074"));  // Luhn
    CHECK_FALSE(isValidSiret("73282932000075"));
    CHECK(isValidSiret("35600000000048"));  // La Poste's head office: Luhn
    CHECK(isValidSiret("35600000049837"));  // a post office: digits sum to a multiple of 5, Luhn fails
    CHECK_FALSE(isValidSiret("35600000049838"));
    CHECK_FALSE(isValidSiret("7328293200007"));
    CHECK(normalizeSiret("732 829 320 00074") == "73282932000074");
    CHECK(normalizeSiret("732 829 320 0007x").empty());
}

TEST_CASE("a professional offer needs a business name and a valid SIRET", "[board][posts][siret][bad-input]") {
    BoardFixture f;
    const Member paul = f.member("Paul Martin");
    PostForm form = formFor(paul, "Plombier, dépannage");
    form.kind = PostKind::Professional;
    CHECK(f.board.submit(form).error == PostError::BusinessNameMissing);
    form.businessName = "Martin Plomberie";
    form.siret = "732 829 320 00075";
    CHECK(f.board.submit(form).error == PostError::SiretInvalid);
    form.siret = "732 829 320 00074";
    const auto change = f.board.submit(form);
    REQUIRE(change.ok());
    CHECK(change.post->content.siret == std::optional<std::string>("73282932000074"));
    CHECK(change.post->content.businessName == std::optional<std::string>("Martin Plomberie"));
}

// ---- Bad input ----

TEST_CASE("a title of only spaces, or 10 000 characters of text, is refused and nothing is stored", "[board][posts][bad-input]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    PostForm form = formFor(marie, "   \t ");
    CHECK(f.board.submit(form).error == PostError::TitleEmpty);
    form.title = std::string(10'000, 'a');
    CHECK(f.board.submit(form).error == PostError::TitleTooLong);
    form.title = "Tonte";
    form.text = std::string(10'000, 'a');
    CHECK(f.board.submit(form).error == PostError::TextTooLong);
    form.text = "";
    form.category = "astrologie";
    CHECK(f.board.submit(form).error == PostError::CategoryUnknown);
    form.category = "garden";
    form.memberId = "no-such-member";
    CHECK(f.board.submit(form).error == PostError::MemberUnknown);
    CHECK(f.board.allPosts().empty());
}

TEST_CASE("control characters, emoji and HTML or SQL fragments are stored as harmless text", "[board][posts][bad-input]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    PostForm form = formFor(marie, "Tarte \xF0\x9F\x8D\xB0 aux pommes\x1b[2J\x07");
    form.text = "<script>alert(1)</script> '); DROP TABLE board_post; -- \xE2\x9D\xA4\xEF\xB8\x8F";
    const auto change = f.board.submit(form);
    REQUIRE(change.ok());
    CHECK(change.post->content.title == "Tarte aux pommes[2J");
    CHECK(change.post->content.body == "<script>alert(1)</script> '); DROP TABLE board_post; --");
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM board_post").getInt() == 1);
    for (std::size_t i = 0; i < change.post->content.title.size();) {
        const char32_t cp = decodeUtf8(change.post->content.title, i);
        CHECK(cp >= 0x20);
        CHECK(cp < 0x1F000);
    }
}

TEST_CASE("a post sent when the disk is full is refused with a reason, nothing half-written, and goes once space is freed", "[board][posts][bad-input]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    vk::testing::fillDisk(f.db);
    PostForm form = formFor(marie, "Tonte de pelouse");
    for (int i = 0; form.text.size() < 990; ++i) form.text += "mot" + std::to_string(i) + " ";
    // The pages the tables already had take a post or two; then the disk is full.
    int saved = 0;
    PostError last = PostError::None;
    for (int i = 0; i < 50 && last == PostError::None; ++i) {
        last = f.board.submit(form).error;
        if (last == PostError::None) ++saved;
    }
    CHECK(last == PostError::NotSaved);
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM board_post").getInt() == saved);
    CHECK(f.db.sql().execAndGet("SELECT count(*) FROM board_post_search").getInt() == saved);
    CHECK(f.auditCount("board.post.submit") == saved);
    vk::testing::freeDisk(f.db);
    REQUIRE(f.board.submit(form).ok());
    CHECK(f.board.awaitingModeration().size() == static_cast<std::size_t>(saved + 1));
}

// ---- Search ----

TEST_CASE("search forgives accents and case", "[board][search]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    f.post(marie, "Café et gâteaux le dimanche");
    f.post(marie, "Réparation de vélos");
    CHECK(f.titlesFound("cafe") == std::vector<std::string>{"Café et gâteaux le dimanche"});
    CHECK(f.titlesFound("CAFÉ") == std::vector<std::string>{"Café et gâteaux le dimanche"});
    CHECK(f.titlesFound("reparation velo") == std::vector<std::string>{"Réparation de vélos"});
}

TEST_CASE("search forgives the French ligatures, both ways", "[board][search]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    f.post(marie, "Œufs frais de la ferme");
    f.post(marie, "Un coup de main de bon cœur");
    f.post(marie, "Cours de latin", "ex aequo, et ex æquo");
    CHECK(f.titlesFound("oeuf") == std::vector<std::string>{"Œufs frais de la ferme"});
    CHECK(f.titlesFound("œufs") == std::vector<std::string>{"Œufs frais de la ferme"});
    CHECK(f.titlesFound("coeur") == std::vector<std::string>{"Un coup de main de bon cœur"});
    CHECK(f.titlesFound("Cœur") == std::vector<std::string>{"Un coup de main de bon cœur"});
    CHECK(f.titlesFound("aequo") == std::vector<std::string>{"Cours de latin"});
}

TEST_CASE("search finds words by their beginning", "[board][search]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    f.post(marie, "Jardinage et potager");
    f.post(marie, "Informatique pour débutants");
    CHECK(f.titlesFound("jardin") == std::vector<std::string>{"Jardinage et potager"});
    CHECK(f.titlesFound("info debut") == std::vector<std::string>{"Informatique pour débutants"});
    CHECK(f.titlesFound("jardin informatique").empty());  // every word must be there
}

TEST_CASE("search forgives apostrophes and hyphens", "[board][search]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    f.post(marie, "Sortie de l’école le mercredi");
    f.post(marie, "Aller-retour à Saint-Aubin");
    CHECK(f.titlesFound("l'école") == std::vector<std::string>{"Sortie de l’école le mercredi"});
    CHECK(f.titlesFound("ecole") == std::vector<std::string>{"Sortie de l’école le mercredi"});
    CHECK(f.titlesFound("aller retour") == std::vector<std::string>{"Aller-retour à Saint-Aubin"});
    CHECK(f.titlesFound("saint-aubin") == std::vector<std::string>{"Aller-retour à Saint-Aubin"});
}

TEST_CASE("what FTS5 would read as syntax is searched as text, never an error", "[board][search][bad-input]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    f.post(marie, "Aide AND soutien", "NEAR la gare, OR ailleurs");
    for (const char* typed : {"\"", "NEAR(", "NEAR(a b)", "*", "-", "(", ")", "AND", "OR", "NOT", "a OR", "\"\"*",
                              "^jardin", "col:val", "{title}: x", "'", "''; DROP TABLE board_post; --", "   "}) {
        INFO(typed);
        CHECK_NOTHROW(f.board.search(typed));
    }
    CHECK(f.titlesFound("AND") == std::vector<std::string>{"Aide AND soutien"});
    CHECK(f.titlesFound("near") == std::vector<std::string>{"Aide AND soutien"});
    CHECK(f.titlesFound("\"").empty());
    CHECK(f.titlesFound(std::string(10'000, 'x')).empty());
    CHECK(searchQuery("l'école \"NEAR(\"") == "\"l\"* \"école\"* \"NEAR\"*");
}

TEST_CASE("search puts the best match first and keeps pending posts out", "[board][search]") {
    BoardFixture f;
    const Member marie = f.member("Marie Dupont");
    f.post(marie, "Cours de cuisine", "Pour débutants, une fois par semaine");
    f.post(marie, "Tricot", "Et un peu de cuisine");
    f.post(marie, "Cuisine du marché", "", PostDirection::Offer, "garden", false);
    const auto found = f.titlesFound("cuisine");
    REQUIRE(found.size() == 2);
    CHECK(found[0] == "Cours de cuisine");  // in the title: ranks above a word in the text
}

// ---- Matching ----

TEST_CASE("a request shows the offers of its category in its village and the neighbouring ones", "[board][matching]") {
    BoardSettings settings;
    settings.neighbours = {{"Saint-Aubin", {"Les Forges"}}, {"Les Forges", {"Saint-Aubin"}}};
    BoardFixture f(settings);
    const Member marie = f.member("Marie Dupont", "Saint-Aubin");
    const Member paul = f.member("Paul Martin", "Les Forges");
    const Member jeanne = f.member("Jeanne Petit", "Bourg-Lointain");
    const Member luc = f.member("Luc Girard", "Saint-Aubin");
    f.post(paul, "Tonte aux Forges", "", PostDirection::Offer, "garden");
    f.post(jeanne, "Tonte au loin", "", PostDirection::Offer, "garden");
    f.post(luc, "Courses", "", PostDirection::Offer, "transport");
    f.post(luc, "Taille de haies", "", PostDirection::Offer, "garden");
    const BoardPost request = f.post(marie, "Cherche quelqu'un pour ma pelouse", "", PostDirection::Request, "garden");

    std::vector<std::string> titles;
    for (const auto& match : f.board.matchesFor(request)) titles.push_back(match.content.title);
    CHECK(titles == std::vector<std::string>{"Taille de haies", "Tonte aux Forges"});

    // And the reverse: an offer shows the requests it answers.
    const auto offers = f.board.browse(PostDirection::Offer, std::string("garden"));
    const auto forges = std::find_if(offers.begin(), offers.end(),
                                     [](const BoardPost& p) { return p.content.title == "Tonte aux Forges"; });
    REQUIRE(forges != offers.end());
    const auto requests = f.board.matchesFor(*forges);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].id == request.id);
}

// ---- Contact and slip ----

TEST_CASE("a post says to ask at the counter unless the poster chose to show a phone", "[board][posts][contact]") {
    i18n::setLanguage("fr");
    BoardFixture f;
    const Member marie = f.member("Marie Dupont", "Saint-Aubin", "06 12 34 56 78", true);
    const Member paul = f.member("Paul Martin", "Saint-Aubin", "06 98 76 54 32", false);
    PostForm shown = formFor(marie, "Tonte");
    shown.showPhone = true;
    PostForm hidden = formFor(paul, "Haies");
    hidden.showPhone = true;  // asked, but Paul did not agree to show his number
    const auto a = f.board.submit(shown);
    const auto b = f.board.submit(hidden);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(f.board.contactLine(*a.post) == "Contact : 06 12 34 56 78");
    CHECK(f.board.contactLine(*b.post) == "Contact : demandez au comptoir");
}

TEST_CASE("a post's slip has its title, text, how to reply and a QR code when a web address is set", "[board][slip]") {
    i18n::setLanguage("fr");
    BoardSettings settings;
    settings.webAddress = "https://entraide.example.org";
    BoardFixture f(settings);
    const BoardPost post = f.post(f.member("Marie Dupont"), "Tonte", "Le samedi matin");
    const hardware::Receipt slip = f.board.slip(post);
    std::string text;
    for (const auto& line : slip.lines) text += line.text + "\n";
    CHECK_THAT(text, Catch::Contains("Tonte"));
    CHECK_THAT(text, Catch::Contains("Le samedi matin"));
    bool counter = false;
    std::string qr;
    for (const auto& element : slip.elements) {
        if (const auto* line = std::get_if<hardware::ReceiptLine>(&element))
            counter = counter || line->text == "Contact : demandez au comptoir";
        if (const auto* code = std::get_if<hardware::QrCode>(&element)) qr = code->payload;
    }
    CHECK(counter);
    CHECK(qr == "https://entraide.example.org/board/" + post.id);

    BoardFixture without;
    const BoardPost plain = without.post(without.member("Paul Martin"), "Haies");
    for (const auto& element : without.board.slip(plain).elements) CHECK_FALSE(std::holds_alternative<hardware::QrCode>(element));
}

TEST_CASE("every reason a post is refused has words in both languages, and so do the default categories", "[board][i18n]") {
    for (int e = static_cast<int>(PostError::None); e <= static_cast<int>(PostError::NotSaved); ++e)
        for (const char* language : {"fr", "en"}) {
            const std::string key(postErrorKey(static_cast<PostError>(e)));
            INFO(language << ": " << key);
            CHECK(i18n::catalog(language).count(key) == 1);
        }
    for (const std::string& category : defaultCategories())
        for (const char* language : {"fr", "en"}) CHECK(i18n::catalog(language).count("board.category." + category) == 1);
}

// ---- Command line ----

namespace {
KioskRuntime makeRuntime() {
    KioskConfig config;
    config.demoData = false;
    return KioskRuntime(config, RuntimeOptions{true, PinHasher::Strength::FastForTests, nullptr});
}

struct Ran {
    int code = 0;
    std::string out;
    std::string err;
    nlohmann::json json() const { return nlohmann::json::parse(out); }
};

Ran runBoard(KioskRuntime& runtime, const std::vector<std::string>& arguments) {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    const int code = cli::runBoardCommand(runtime, cli::parseCommandArguments(arguments, {"pending", "show-phone"}), in,
                                          out, err);
    return {code, out.str(), err.str()};
}
}  // namespace

TEST_CASE("the board's commands post, approve, search, list and export, as JSON too", "[board][cli]") {
    auto runtime = makeRuntime();
    std::istringstream none;
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(cli::runMembersCommand(runtime, cli::parseCommandArguments({"add", "--name", "Marie Dupont", "--village", "Saint-Aubin"}),
                                   none, out, err) == 0);
    const std::string member = out.str().substr(0, out.str().find('\n'));

    const Ran categories = runBoard(runtime, {"categories", "--json"});
    REQUIRE(categories.code == 0);
    CHECK(categories.json()["categories"][1]["id"] == "garden");

    const Ran posted = runBoard(runtime, {"post", "--member", member, "--kind", "offer", "--category", "garden", "--title",
                                          "Tonte de pelouse", "--text", "Le samedi", "--json"});
    REQUIRE(posted.code == 0);
    const std::string id = posted.json()["id"];
    CHECK(posted.json()["status"] == "pending");

    const Ran pending = runBoard(runtime, {"list", "--pending", "--json"});
    REQUIRE(pending.json()["posts"].size() == 1);
    CHECK(runBoard(runtime, {"search", "pelouse", "--json"}).json()["count"] == 0);

    const Ran approved = runBoard(runtime, {"approve", id, "--json"});
    REQUIRE(approved.code == 0);
    CHECK(approved.json()["status"] == "approved");
    const Ran found = runBoard(runtime, {"search", "pelouse", "--json"});
    REQUIRE(found.json()["count"] == 1);
    CHECK(found.json()["posts"][0]["id"] == id);
    CHECK(runBoard(runtime, {"search", "NEAR(", "--json"}).code == 0);

    const auto file = std::filesystem::temp_directory_path() / ("vk-board-export-" + id + ".csv");
    const Ran exported = runBoard(runtime, {"export", "--csv", file.string(), "--json"});
    REQUIRE(exported.code == 0);
    CHECK(exported.json()["count"] == 1);
    std::ifstream csv(file);
    std::stringstream text;
    text << csv.rdbuf();
    CHECK_THAT(text.str(), Catch::Contains("\"Tonte de pelouse\""));
    std::filesystem::remove(file);

    int commandLineLines = 0;
    for (const auto& entry : runtime.staff.recentAudit(100))
        if (entry.actorName == "command line" && entry.action.starts_with("board.")) ++commandLineLines;
    CHECK(commandLineLines >= 3);  // post, approve, export
}

TEST_CASE("the board's commands refuse bad arguments with a reason and change nothing", "[board][cli][bad-input]") {
    auto runtime = makeRuntime();
    CHECK(runBoard(runtime, {"post", "--member", "nobody", "--kind", "offer", "--category", "garden", "--title", "T"}).code == 1);
    CHECK(runBoard(runtime, {"post", "--member", "x", "--kind", "gift", "--category", "garden", "--title", "T"}).code == 2);
    CHECK(runBoard(runtime, {"approve", "no-such-post"}).code == 1);
    CHECK(runBoard(runtime, {"export"}).code == 2);
    const Ran unwritable = runBoard(runtime, {"export", "--csv", "/nonexistent-folder/posts.csv"});
    CHECK(unwritable.code == 1);
    CHECK_THAT(unwritable.err, Catch::Contains("cannot write"));
    CHECK(runBoard(runtime, {"dance"}).code == 2);
    CHECK(runtime.area<BoardServices>().board.allPosts().empty());
}

TEST_CASE("a CSV export keeps a spreadsheet from running a post as a formula", "[board][cli][bad-input]") {
    auto runtime = makeRuntime();
    auto& services = runtime.area<BoardServices>();
    MemberForm form;
    form.name = "Marie";
    const auto marie = services.members.add(&systemActor(SystemActor::CommandLine), form);
    PostForm post;
    post.memberId = marie.member->id;
    post.category = "garden";
    post.title = "=HYPERLINK(\"http://evil\")";
    REQUIRE(services.board.submit(post).ok());
    const auto file = std::filesystem::temp_directory_path() / ("vk-board-formula-" + marie.member->id + ".csv");
    REQUIRE(runBoard(runtime, {"export", "--csv", file.string()}).code == 0);
    std::ifstream csv(file);
    std::stringstream text;
    text << csv.rdbuf();
    CHECK_THAT(text.str(), Catch::Contains("\"'=HYPERLINK(\"\"http://evil\"\")\""));
    std::filesystem::remove(file);
}

TEST_CASE("the demo village has members, posts on the board, one waiting and one flagged", "[board][demo]") {
    KioskConfig config;
    RuntimeOptions options{true, PinHasher::Strength::FastForTests, nullptr};
    options.seedDemoData = true;
    KioskRuntime runtime(config, options);
    auto& area = runtime.area<BoardServices>();
    CHECK(area.members.count() == static_cast<int>(vk::services::demoMembers().size()));
    CHECK(area.members.identifyByNameAndPin("Marie Dupont", "2468").identified());
    CHECK(area.board.browse(PostDirection::Offer).size() >= 2);
    CHECK(area.board.browse(PostDirection::Request).size() >= 1);
    const auto queue = area.board.awaitingModeration();
    REQUIRE(queue.size() == 2);
    CHECK(std::count_if(queue.begin(), queue.end(), [](const BoardPost& p) { return p.status == PostStatus::Flagged; }) == 1);
}
