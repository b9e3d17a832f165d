#include "storage/board_store.h"

#include "storage/record_id.h"
#include "storage/transaction.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <array>
#include <utility>

namespace vk::storage {
namespace {

constexpr std::array<std::pair<PostDirection, std::string_view>, 2> kDirections{{
    {PostDirection::Offer, "offer"},
    {PostDirection::Request, "request"},
}};
constexpr std::array<std::pair<PostKind, std::string_view>, 3> kKinds{{
    {PostKind::Free, "free"},
    {PostKind::Cesu, "cesu"},
    {PostKind::Professional, "professional"},
}};
constexpr std::array<std::pair<PostStatus, std::string_view>, 4> kStatuses{{
    {PostStatus::Pending, "pending"},
    {PostStatus::Approved, "approved"},
    {PostStatus::Flagged, "flagged"},
    {PostStatus::Hidden, "hidden"},
}};

template <class Enum, std::size_t N>
std::string_view keyOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [entry, key] : table)
        if (entry == value) return key;
    return table.front().second;
}

template <class Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view key) {
    for (const auto& [entry, text] : table)
        if (text == key) return entry;
    return std::nullopt;
}

constexpr const char* kPostColumns =
    "p.id, p.member_id, p.direction, p.category, p.kind, p.business_name, p.siret, p.title, p.body, p.village, "
    "p.show_phone, p.status, p.flag_count, p.expires_at, p.approved_at, p.created_at, p.updated_at";

std::optional<std::string> optionalText(SQLite::Statement& row, int column) {
    if (row.getColumn(column).isNull()) return std::nullopt;
    return row.getColumn(column).getString();
}

void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

BoardPost readPost(SQLite::Statement& row) {
    BoardPost post;
    post.id = row.getColumn(0).getString();
    post.memberId = row.getColumn(1).getString();
    post.direction = directionFromKey(row.getColumn(2).getString()).value_or(PostDirection::Offer);
    post.content.category = row.getColumn(3).getString();
    post.content.kind = kindFromKey(row.getColumn(4).getString()).value_or(PostKind::Free);
    post.content.businessName = optionalText(row, 5);
    post.content.siret = optionalText(row, 6);
    post.content.title = row.getColumn(7).getString();
    post.content.body = row.getColumn(8).getString();
    post.village = row.getColumn(9).getString();
    post.showPhone = row.getColumn(10).getInt() != 0;
    post.status = postStatusFromKey(row.getColumn(11).getString()).value_or(PostStatus::Pending);
    post.flagCount = row.getColumn(12).getInt();
    post.expiresAt = row.getColumn(13).getInt64();
    if (!row.getColumn(14).isNull()) post.approvedAt = row.getColumn(14).getInt64();
    post.createdAt = row.getColumn(15).getInt64();
    post.updatedAt = row.getColumn(16).getInt64();
    return post;
}

std::vector<BoardPost> readAll(SQLite::Statement& query) {
    std::vector<BoardPost> posts;
    while (query.executeStep()) posts.push_back(readPost(query));
    return posts;
}

// The WHERE conditions of a filter, with their values in order: the SQL is built from fixed pieces only.
struct FilterSql {
    std::string where = "p.deleted_at IS NULL";
    std::vector<std::string> texts;
    bool bindNow = false;
};

FilterSql filterSql(const PostFilter& filter) {
    FilterSql sql;
    if (filter.direction) {
        sql.where += " AND p.direction = ?";
        sql.texts.emplace_back(directionKey(*filter.direction));
    }
    if (filter.category) {
        sql.where += " AND p.category = ?";
        sql.texts.push_back(*filter.category);
    }
    if (filter.kind) {
        sql.where += " AND p.kind = ?";
        sql.texts.emplace_back(kindKey(*filter.kind));
    }
    if (!filter.villages.empty()) {
        sql.where += " AND p.village IN (";
        for (std::size_t i = 0; i < filter.villages.size(); ++i) {
            sql.where += i == 0 ? "?" : ", ?";
            sql.texts.push_back(filter.villages[i]);
        }
        sql.where += ")";
    }
    if (filter.excludeMember) {
        sql.where += " AND p.member_id <> ?";
        sql.texts.push_back(*filter.excludeMember);
    }
    // Last: a named parameter takes the next number where it first appears, so the ? above come before it.
    if (filter.publicOnly) {
        sql.where += " AND p.status = 'approved' AND p.expires_at > :now";
        sql.bindNow = true;
    }
    return sql;
}

// Binds the filter's values after those already bound (`first` is the next index).
void bindFilter(SQLite::Statement& statement, const FilterSql& sql, const PostFilter& filter, int first) {
    int index = first;
    for (const std::string& text : sql.texts) statement.bind(index++, text);
    if (sql.bindNow) statement.bind(":now", filter.nowMs);
    statement.bind(":limit", filter.limit);
}

}  // namespace

std::string_view directionKey(PostDirection direction) { return keyOf(kDirections, direction); }
std::optional<PostDirection> directionFromKey(std::string_view key) { return valueOf(kDirections, key); }
std::string_view kindKey(PostKind kind) { return keyOf(kKinds, kind); }
std::optional<PostKind> kindFromKey(std::string_view key) { return valueOf(kKinds, key); }
std::string_view postStatusKey(PostStatus status) { return keyOf(kStatuses, status); }
std::optional<PostStatus> postStatusFromKey(std::string_view key) { return valueOf(kStatuses, key); }

void BoardStore::inTransaction(const std::function<void()>& work) {
    // Nests: the demo data seeds its posts inside its own transaction.
    storage::inTransaction(db_, work);
}

BoardPost BoardStore::insert(const NewPost& post, std::int64_t nowMs) {
    BoardPost stored;
    stored.id = newRecordId(nowMs);
    stored.memberId = post.memberId;
    stored.direction = post.direction;
    stored.content = post.content;
    stored.village = post.village;
    stored.showPhone = post.showPhone;
    stored.expiresAt = post.expiresAt;
    stored.createdAt = nowMs;
    stored.updatedAt = nowMs;
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO board_post(id, origin_kiosk, search_rowid, member_id, direction, category, "
                             "kind, business_name, siret, title, body, village, show_phone, expires_at, created_at, "
                             "updated_at) VALUES (?, ?, (SELECT coalesce(max(search_rowid), 0) + 1 FROM board_post), "
                             "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, stored.id);
    insert.bind(2, db_.kioskId());
    insert.bind(3, post.memberId);
    insert.bind(4, std::string(directionKey(post.direction)));
    insert.bind(5, post.content.category);
    insert.bind(6, std::string(kindKey(post.content.kind)));
    bindOptional(insert, 7, post.content.businessName);
    bindOptional(insert, 8, post.content.siret);
    insert.bind(9, post.content.title);
    insert.bind(10, post.content.body);
    insert.bind(11, post.village);
    insert.bind(12, post.showPhone ? 1 : 0);
    insert.bind(13, post.expiresAt);
    insert.bind(14, nowMs);
    insert.bind(15, nowMs);
    insert.exec();
    return stored;
}

std::optional<BoardPost> BoardStore::find(const std::string& id) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kPostColumns +
                                           " FROM board_post p WHERE p.id = ? AND p.deleted_at IS NULL");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return readPost(query);
}

std::vector<BoardPost> BoardStore::list(const PostFilter& filter) {
    const FilterSql sql = filterSql(filter);
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kPostColumns + " FROM board_post p WHERE " +
                                           sql.where + " ORDER BY p.created_at DESC, p.search_rowid DESC LIMIT :limit");
    bindFilter(query, sql, filter, 1);
    return readAll(query);
}

std::vector<BoardPost> BoardStore::awaitingModeration(int limit) {
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kPostColumns +
                                           " FROM board_post p WHERE p.deleted_at IS NULL AND p.status IN "
                                           "('pending', 'flagged') ORDER BY p.created_at DESC, p.search_rowid DESC LIMIT ?");
    query.bind(1, limit);
    return readAll(query);
}

std::vector<BoardPost> BoardStore::search(const std::string& ftsQuery, const PostFilter& filter, int window) {
    // The index is walked from its newest row and stops after `window` matches; bm25 is computed for those rows
    // only (in the select list, not in ORDER BY, which would rank every match first).
    const FilterSql sql = filterSql(filter);
    SQLite::Statement query(db_.sql(), std::string("SELECT ") + kPostColumns +
                                           ", bm25(board_post_search, 10.0, 1.0, 5.0) FROM board_post_search s "
                                           "JOIN board_post p ON p.search_rowid = s.rowid "
                                           "WHERE board_post_search MATCH ? AND " + sql.where +
                                           " ORDER BY s.rowid DESC LIMIT :limit");
    query.bind(1, ftsQuery);
    PostFilter windowed = filter;
    windowed.limit = std::max(window, filter.limit);
    bindFilter(query, sql, windowed, 2);
    std::vector<std::pair<double, BoardPost>> scored;
    while (query.executeStep()) scored.emplace_back(query.getColumn(17).getDouble(), readPost(query));
    // bm25 is lower for a better match; equal scores keep the newest first.
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<BoardPost> found;
    for (auto& [score, post] : scored) {
        if (static_cast<int>(found.size()) >= filter.limit) break;
        found.push_back(std::move(post));
    }
    return found;
}

bool BoardStore::setStatus(const std::string& id, const std::vector<PostStatus>& from, PostStatus to,
                           std::int64_t nowMs) {
    std::string where = "id = ? AND deleted_at IS NULL";
    if (!from.empty()) {
        where += " AND status IN (";
        for (std::size_t i = 0; i < from.size(); ++i) where += i == 0 ? "?" : ", ?";
        where += ")";
    }
    SQLite::Statement update(db_.sql(),
                             "UPDATE board_post SET status = ?, updated_at = ?, approved_at = CASE WHEN ? = "
                             "'approved' THEN ? ELSE approved_at END, flag_count = CASE WHEN ? = 'approved' THEN 0 "
                             "ELSE flag_count END WHERE " + where);
    const std::string toKey(postStatusKey(to));
    update.bind(1, toKey);
    update.bind(2, nowMs);
    update.bind(3, toKey);
    update.bind(4, nowMs);
    update.bind(5, toKey);
    update.bind(6, id);
    int index = 7;
    for (const PostStatus status : from) update.bind(index++, std::string(postStatusKey(status)));
    return update.exec() > 0;
}

std::optional<int> BoardStore::addFlag(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE board_post SET flag_count = flag_count + 1, updated_at = ?, status = CASE WHEN "
                             "status = 'approved' THEN 'flagged' ELSE status END WHERE id = ? AND deleted_at IS NULL "
                             "RETURNING flag_count");
    update.bind(1, nowMs);
    update.bind(2, id);
    if (!update.executeStep()) return std::nullopt;
    const int count = update.getColumn(0).getInt();
    while (update.executeStep()) {
    }
    return count;
}

void BoardStore::updateContent(const std::string& id, const PostContent& content, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE board_post SET category = ?, kind = ?, business_name = ?, siret = ?, title = ?, "
                             "body = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, content.category);
    update.bind(2, std::string(kindKey(content.kind)));
    bindOptional(update, 3, content.businessName);
    bindOptional(update, 4, content.siret);
    update.bind(5, content.title);
    update.bind(6, content.body);
    update.bind(7, nowMs);
    update.bind(8, id);
    update.exec();
}

void BoardStore::setExpiry(const std::string& id, std::int64_t expiresAt, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE board_post SET expires_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, expiresAt);
    update.bind(2, nowMs);
    update.bind(3, id);
    update.exec();
}

bool BoardStore::softDelete(const std::string& id, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(),
                             "UPDATE board_post SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, id);
    return update.exec() > 0;
}

void BoardStore::softDeleteOfMember(const std::string& memberId, std::int64_t nowMs) {
    SQLite::Statement update(db_.sql(), "UPDATE board_post SET deleted_at = ?, updated_at = ? WHERE member_id = ? AND "
                                        "deleted_at IS NULL");
    update.bind(1, nowMs);
    update.bind(2, nowMs);
    update.bind(3, memberId);
    update.exec();
}

int BoardStore::countLive() {
    return db_.sql().execAndGet("SELECT count(*) FROM board_post WHERE deleted_at IS NULL").getInt();
}

}  // namespace vk::storage
