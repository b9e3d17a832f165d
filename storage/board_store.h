#pragma once
// The posts of the service-exchange board and their full-text index (kept in step by the migration's triggers).
// Who may post, approve or flag, and what a search query looks like, live in kiosk/services/board/; this file only
// stores and finds what it is given.

#include "storage/database.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::storage {

enum class PostDirection { Offer, Request };
enum class PostKind { Free, Cesu, Professional };
// pending: waits for the manager; approved: on the public board; flagged: someone flagged it, off the board
// until the manager looks; hidden: taken off by the manager.
enum class PostStatus { Pending, Approved, Flagged, Hidden };

std::string_view directionKey(PostDirection direction);  // "offer", "request"
std::optional<PostDirection> directionFromKey(std::string_view key);
std::string_view kindKey(PostKind kind);  // "free", "cesu", "professional"
std::optional<PostKind> kindFromKey(std::string_view key);
std::string_view postStatusKey(PostStatus status);  // "pending", "approved", "flagged", "hidden"
std::optional<PostStatus> postStatusFromKey(std::string_view key);

// What a post says; the manager may edit all of it.
struct PostContent {
    std::string category;
    PostKind kind = PostKind::Free;
    std::optional<std::string> businessName;  // professional offers only
    std::optional<std::string> siret;         // 14 digits, professional offers only
    std::string title;
    std::string body;
};

struct BoardPost {
    std::string id;
    std::string memberId;
    PostDirection direction = PostDirection::Offer;
    PostContent content;
    std::string village;
    bool showPhone = false;
    PostStatus status = PostStatus::Pending;
    int flagCount = 0;
    std::int64_t expiresAt = 0;
    std::optional<std::int64_t> approvedAt;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

struct NewPost {
    std::string memberId;
    PostDirection direction = PostDirection::Offer;
    PostContent content;
    std::string village;
    bool showPhone = false;
    std::int64_t expiresAt = 0;
};

// A list of live posts. The public board asks for approved ones not yet expired at `nowMs`.
struct PostFilter {
    bool publicOnly = true;
    std::int64_t nowMs = 0;
    std::optional<PostDirection> direction;
    std::optional<std::string> category;
    std::optional<PostKind> kind;
    std::vector<std::string> villages;  // empty: every village
    std::optional<std::string> excludeMember;
    int limit = 200;
};

class BoardStore {
public:
    explicit BoardStore(Database& db) : db_(db) {}

    void inTransaction(const std::function<void()>& work);

    BoardPost insert(const NewPost& post, std::int64_t nowMs);
    std::optional<BoardPost> find(const std::string& id);  // a live post (not deleted), whatever its status
    // Newest first.
    std::vector<BoardPost> list(const PostFilter& filter);
    // What the manager has to look at: pending and flagged posts, oldest first.
    std::vector<BoardPost> awaitingModeration(int limit = 200);
    // `ftsQuery` is an FTS5 MATCH expression (built by the board's searchQuery); best match first.
    std::vector<BoardPost> search(const std::string& ftsQuery, const PostFilter& filter);

    // Moves a live post to `to`; false when it was not in one of `from` (empty: any status).
    bool setStatus(const std::string& id, const std::vector<PostStatus>& from, PostStatus to, std::int64_t nowMs);
    // One more flag; a post on the board becomes flagged. Returns the new count, nullopt for no such post.
    std::optional<int> addFlag(const std::string& id, std::int64_t nowMs);
    void updateContent(const std::string& id, const PostContent& content, std::int64_t nowMs);
    void setExpiry(const std::string& id, std::int64_t expiresAt, std::int64_t nowMs);
    bool softDelete(const std::string& id, std::int64_t nowMs);
    // The member's posts are taken off with them.
    void softDeleteOfMember(const std::string& memberId, std::int64_t nowMs);

    int countLive();

private:
    Database& db_;
};

}  // namespace vk::storage
