#pragma once
// The service-exchange board: members post offers and requests at the kiosk, the café manager approves them,
// residents browse, search, flag and print them. Contact always goes through the café (« demandez au comptoir »)
// unless the poster chose to show their phone number.
//
// Moderation: a new post waits for the manager (pending). One flag from anyone takes a post off the public board
// at once (flagged) until the manager looks: a café has someone at the counter every day, and a wrong post
// seen by fewer people is the lesser harm. The manager approves (back on the board), hides, edits, extends or
// deletes (soft), each audited under `board.post.*` with the post's id.

#include "hardware/receipt.h"
#include "kiosk/services/board/board_settings.h"
#include "kiosk/services/board/member_registry.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "storage/board_store.h"
#include "storage/member_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::services::board {

using storage::BoardPost;
using storage::PostContent;
using storage::PostDirection;
using storage::PostKind;
using storage::PostStatus;

enum class PostError {
    None,
    NotAllowed,  // moderation is the café manager's (or an admin's)
    NotFound,
    MemberUnknown,
    CategoryUnknown,
    TitleEmpty,
    TitleTooLong,
    TextTooLong,
    BusinessNameMissing,  // a professional offer names its business
    SiretInvalid,         // 14 digits whose check digit is right
    NotOnBoard,           // flagging a post that is not on the public board
    NotSaved,             // the database could not take it (a full disk): nothing was written, the form is kept
};

std::string_view postErrorKey(PostError error);  // "board.post.error.title_empty"…

struct PostChange {
    PostError error = PostError::None;
    std::optional<BoardPost> post;
    bool ok() const { return error == PostError::None; }
};

// What a member fills in at the kiosk (or the command line gives).
struct PostForm {
    std::string memberId;
    PostDirection direction = PostDirection::Offer;
    std::string category;
    PostKind kind = PostKind::Free;
    std::string businessName;
    std::string siret;
    std::string title;
    std::string text;
    bool showPhone = false;  // only if the member agreed to it and has a phone
};

// A SIRET as typed ("123 456 789 00012"), spaces and dots removed; empty if it is not 14 digits.
std::string normalizeSiret(std::string_view typed);
// The check of a SIRET's last digit: the Luhn formula over the 14 digits. La Poste's establishments (SIREN
// 356000000) are numbered under another rule, the sum of the 14 digits being a multiple of 5; both are accepted
// for them.
bool isValidSiret(std::string_view digits);

// What the board keeps of typed text: cleaned (user_text.h), and only characters the kiosk's font draws
// (Latin-1, œ, æ, Ÿ, €, typographic quotes and dashes): an emoji or another script is dropped when stored, so
// that a post draws and prints the same everywhere.
std::string boardText(std::string_view typed, std::size_t maxCodepoints);

class ExchangeBoard {
public:
    ExchangeBoard(storage::Database& db, const Clock& clock, StaffService& staff, const BoardSettings& settings);

    const std::vector<std::string>& categories() const { return settings_.categories; }
    // board.category.<id> for the default categories; a configured one is its own name.
    static std::string categoryLabelKey(const std::string& category);
    bool isDefaultCategory(const std::string& category) const;

    // A member's new post: pending until the manager approves it. Audited as the kiosk (or `actor`).
    PostChange submit(const PostForm& form, const StaffSession* actor = nullptr);
    // Checks a form without storing it (the preview screen says what is wrong before « Envoyer »).
    PostError check(const PostForm& form);

    // Moderation: the café manager or an admin.
    PostChange approve(const StaffSession* actor, const std::string& postId);
    PostChange hide(const StaffSession* actor, const std::string& postId);
    PostChange edit(const StaffSession* actor, const std::string& postId, const PostForm& form);
    // postDays more from today, or from the current expiry if that is later.
    PostChange extend(const StaffSession* actor, const std::string& postId);
    PostChange remove(const StaffSession* actor, const std::string& postId);
    // Anyone, at the kiosk: the post leaves the public board until the manager looks.
    PostChange flag(const std::string& postId);

    std::optional<BoardPost> find(const std::string& postId);
    // On the public board now: approved and not expired.
    bool isPublic(const BoardPost& post) const;
    // The public board, newest first.
    std::vector<BoardPost> browse(std::optional<PostDirection> direction, std::optional<std::string> category = {},
                                  std::optional<PostKind> kind = {}, int limit = 200);
    // Every live post, newest first, whatever its status (moderation lists, the export).
    std::vector<BoardPost> allPosts(bool pendingOnly = false, int limit = 100'000);
    std::vector<BoardPost> awaitingModeration() { return posts_.awaitingModeration(); }
    // The public board's posts matching what a resident typed (board_text.h's searchQuery), best first.
    std::vector<BoardPost> search(std::string_view typed, int limit = 30);
    // For a request, the offers of the same category in the same or a neighbouring village; for an offer, the
    // requests. The poster's own posts are left out.
    std::vector<BoardPost> matchesFor(const BoardPost& post, int limit = 20);
    // The post's village and its neighbours ([board] neighbours).
    std::vector<std::string> villagesNear(const std::string& village) const;

    // How to answer a post: the phone when the poster chose to show it, else « demandez au comptoir ».
    std::string contactLine(const BoardPost& post);
    // Who posted it, as the public sees it: the name if the member agreed, else « un membre ».
    std::string posterName(const BoardPost& post);
    // The slip a resident takes home: title, text, how to reply, a QR code when [board] web_address is set.
    hardware::Receipt slip(const BoardPost& post);

    static constexpr std::size_t kMaxTitleLength = 80;
    static constexpr std::size_t kMaxTextLength = 1000;
    static constexpr std::size_t kMaxBusinessNameLength = 80;

private:
    struct CheckedPost {
        PostError error = PostError::None;
        PostContent content;
    };
    CheckedPost checkContent(const PostForm& form);
    std::optional<PostChange> refuseUnlessModerator(const StaffSession* actor, const char* action);
    PostChange moderate(const StaffSession* actor, const std::string& postId, const char* action,
                        const char* auditAction, const std::vector<PostStatus>& from, PostStatus to);

    storage::BoardStore posts_;
    storage::MemberStore members_;
    const Clock& clock_;
    StaffService& staff_;
    const BoardSettings& settings_;
};

}  // namespace vk::services::board
