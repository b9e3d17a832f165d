#include "kiosk/services/board/exchange_board.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/board/board_text.h"
#include "kiosk/services/user_text.h"
#include "storage/write_failure.h"

#include <algorithm>
#include <cstdio>

namespace vk::services::board {
namespace {

constexpr std::int64_t kMsPerDay = 24LL * 60 * 60 * 1000;
constexpr std::string_view kLaPosteSiren = "356000000";

// The characters outside Latin-1 that the kiosk's font has (kiosk/ui/theme.cpp builds its ranges from the
// translations and these).
constexpr char32_t kExtraDrawable[] = {U'Œ', U'œ', U'Ÿ', U'€', U'’', U'‘', U'“', U'”', U'–', U'—', U'…'};

bool drawable(char32_t cp) {
    if (cp >= 0x20 && cp <= 0x7E) return true;
    if (cp >= 0xA0 && cp <= 0xFF) return true;
    return std::find(std::begin(kExtraDrawable), std::end(kExtraDrawable), cp) != std::end(kExtraDrawable);
}

bool mayModerate(const StaffSession* actor) { return mayManageMembers(actor); }

}  // namespace

std::string_view postErrorKey(PostError error) {
    switch (error) {
    case PostError::None: return "board.post.saved";
    case PostError::NotAllowed: return "board.post.error.not_allowed";
    case PostError::NotFound: return "board.post.error.not_found";
    case PostError::MemberUnknown: return "board.post.error.member_unknown";
    case PostError::CategoryUnknown: return "board.post.error.category_unknown";
    case PostError::TitleEmpty: return "board.post.error.title_empty";
    case PostError::TitleTooLong: return "board.post.error.title_too_long";
    case PostError::TextTooLong: return "board.post.error.text_too_long";
    case PostError::BusinessNameMissing: return "board.post.error.business_name_missing";
    case PostError::SiretInvalid: return "board.post.error.siret_invalid";
    case PostError::NotOnBoard: return "board.post.error.not_on_board";
    case PostError::NotSaved: return "board.post.error.not_saved";
    }
    return "board.post.error.not_found";
}

std::string normalizeSiret(std::string_view typed) {
    std::string digits;
    for (const char c : typed) {
        if (c >= '0' && c <= '9')
            digits += c;
        else if (c != ' ' && c != '.' && c != '-')
            return {};
    }
    return digits.size() == 14 ? digits : std::string();
}

bool isValidSiret(std::string_view digits) {
    if (digits.size() != 14 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    int luhn = 0;
    int sum = 0;
    for (std::size_t i = 0; i < 14; ++i) {
        int digit = digits[13 - i] - '0';
        sum += digit;
        if (i % 2 == 1) {
            digit *= 2;
            if (digit > 9) digit -= 9;
        }
        luhn += digit;
    }
    if (luhn % 10 == 0) return true;
    return digits.starts_with(kLaPosteSiren) && sum % 5 == 0;
}

std::string boardText(std::string_view typed, std::size_t maxCodepoints) {
    // Cleaned first with room to spare, so that the cut falls after the dropped characters, not before.
    const std::string clean = cleanUserText(typed, maxCodepoints * 4 + 16);
    std::string kept;
    std::size_t i = 0;
    while (i < clean.size()) {
        const char32_t cp = decodeUtf8(clean, i);
        if (drawable(cp)) appendUtf8(kept, cp);
    }
    return cleanUserText(kept, maxCodepoints);
}

ExchangeBoard::ExchangeBoard(storage::Database& db, const Clock& clock, StaffService& staff,
                             const BoardSettings& settings)
    : posts_(db), members_(db), clock_(clock), staff_(staff), settings_(settings) {}

std::string ExchangeBoard::categoryLabelKey(const std::string& category) { return "board.category." + category; }

bool ExchangeBoard::isDefaultCategory(const std::string& category) const {
    const auto& defaults = defaultCategories();
    return std::find(defaults.begin(), defaults.end(), category) != defaults.end();
}

ExchangeBoard::CheckedPost ExchangeBoard::checkContent(const PostForm& form) {
    CheckedPost checked;
    PostContent& content = checked.content;
    const auto& categories = settings_.categories;
    if (std::find(categories.begin(), categories.end(), form.category) == categories.end()) {
        checked.error = PostError::CategoryUnknown;
        return checked;
    }
    content.category = form.category;
    content.kind = form.kind;
    // Measured before the cut: a text that is too long is refused (the form keeps it), never cut silently.
    content.title = boardText(form.title, kMaxTitleLength + 1);
    if (content.title.empty()) checked.error = PostError::TitleEmpty;
    else if (countCodepoints(content.title) > kMaxTitleLength) checked.error = PostError::TitleTooLong;
    content.body = boardText(form.text, kMaxTextLength + 1);
    if (checked.error == PostError::None && countCodepoints(content.body) > kMaxTextLength)
        checked.error = PostError::TextTooLong;
    if (checked.error != PostError::None) return checked;
    if (form.kind == PostKind::Professional) {
        const std::string business = boardText(form.businessName, kMaxBusinessNameLength);
        if (business.empty()) {
            checked.error = PostError::BusinessNameMissing;
            return checked;
        }
        const std::string siret = normalizeSiret(form.siret);
        if (!isValidSiret(siret)) {
            checked.error = PostError::SiretInvalid;
            return checked;
        }
        content.businessName = business;
        content.siret = siret;
    }
    return checked;
}

PostError ExchangeBoard::check(const PostForm& form) {
    if (!members_.findActive(form.memberId)) return PostError::MemberUnknown;
    return checkContent(form).error;
}

PostChange ExchangeBoard::submit(const PostForm& form, const StaffSession* actor) {
    const auto member = members_.findActive(form.memberId);
    if (!member) return {PostError::MemberUnknown, std::nullopt};
    const CheckedPost checked = checkContent(form);
    if (checked.error != PostError::None) return {checked.error, std::nullopt};
    storage::NewPost post;
    post.memberId = member->id;
    post.direction = form.direction;
    post.content = checked.content;
    post.village = member->village;
    post.showPhone = form.showPhone && member->consent.showPhone && member->phone.has_value();
    const std::int64_t now = clock_.nowMs();
    post.expiresAt = now + settings_.postDays * kMsPerDay;
    std::string storedId;
    try {
        // The post and its audit line together, or neither.
        posts_.inTransaction([&] {
            storedId = posts_.insert(post, now).id;
            staff_.audit(actor, "board.post.submit", {{"title", post.content.title}, {"member", member->displayName}});
        });
    } catch (const std::exception& error) {
        // The resident's words stay on the screen; the technician reads why in the journal.
        std::fprintf(stderr, "village-kiosk: a board post was not saved: %s\n", storage::describeWriteFailure(error).c_str());
        return {PostError::NotSaved, std::nullopt};
    }
    return {PostError::None, posts_.find(storedId)};
}

std::optional<PostChange> ExchangeBoard::refuseUnlessModerator(const StaffSession* actor, const char* action) {
    if (mayModerate(actor)) return std::nullopt;
    staff_.audit(actor, "board.post.refused", {{"attempt_key", std::string("audit.attempt.") + action}});
    return PostChange{PostError::NotAllowed, std::nullopt};
}

PostChange ExchangeBoard::moderate(const StaffSession* actor, const std::string& postId, const char* action,
                                   const char* auditAction, const std::vector<PostStatus>& from, PostStatus to) {
    if (auto refused = refuseUnlessModerator(actor, action)) return *refused;
    const auto post = posts_.find(postId);
    if (!post) return {PostError::NotFound, std::nullopt};
    posts_.inTransaction([&] {
        posts_.setStatus(postId, from, to, clock_.nowMs());
        staff_.audit(actor, auditAction, {{"title", post->content.title}});
    });
    return {PostError::None, posts_.find(postId)};
}

PostChange ExchangeBoard::approve(const StaffSession* actor, const std::string& postId) {
    return moderate(actor, postId, "approve_post", "board.post.approve", {}, PostStatus::Approved);
}

PostChange ExchangeBoard::hide(const StaffSession* actor, const std::string& postId) {
    return moderate(actor, postId, "hide_post", "board.post.hide", {}, PostStatus::Hidden);
}

PostChange ExchangeBoard::edit(const StaffSession* actor, const std::string& postId, const PostForm& form) {
    if (auto refused = refuseUnlessModerator(actor, "edit_post")) return *refused;
    const auto before = posts_.find(postId);
    if (!before) return {PostError::NotFound, std::nullopt};
    const CheckedPost checked = checkContent(form);
    if (checked.error != PostError::None) return {checked.error, std::nullopt};
    posts_.inTransaction([&] {
        posts_.updateContent(postId, checked.content, clock_.nowMs());
        staff_.audit(actor, "board.post.edit", {{"title", checked.content.title}, {"before", before->content.title}});
    });
    return {PostError::None, posts_.find(postId)};
}

PostChange ExchangeBoard::extend(const StaffSession* actor, const std::string& postId) {
    if (auto refused = refuseUnlessModerator(actor, "extend_post")) return *refused;
    const auto post = posts_.find(postId);
    if (!post) return {PostError::NotFound, std::nullopt};
    const std::int64_t now = clock_.nowMs();
    const std::int64_t expiresAt = std::max(now, post->expiresAt) + settings_.postDays * kMsPerDay;
    posts_.inTransaction([&] {
        posts_.setExpiry(postId, expiresAt, now);
        staff_.audit(actor, "board.post.extend", {{"title", post->content.title}, {"until_at", std::to_string(expiresAt)}});
    });
    return {PostError::None, posts_.find(postId)};
}

PostChange ExchangeBoard::remove(const StaffSession* actor, const std::string& postId) {
    if (auto refused = refuseUnlessModerator(actor, "delete_post")) return *refused;
    const auto post = posts_.find(postId);
    if (!post) return {PostError::NotFound, std::nullopt};
    posts_.inTransaction([&] {
        posts_.softDelete(postId, clock_.nowMs());
        staff_.audit(actor, "board.post.delete", {{"title", post->content.title}});
    });
    return {PostError::None, post};
}

PostChange ExchangeBoard::flag(const std::string& postId) {
    const auto post = posts_.find(postId);
    if (!post) return {PostError::NotFound, std::nullopt};
    if (!isPublic(*post)) return {PostError::NotOnBoard, post};
    posts_.inTransaction([&] {
        posts_.addFlag(postId, clock_.nowMs());
        staff_.audit(nullptr, "board.post.flag", {{"title", post->content.title}});
    });
    return {PostError::None, posts_.find(postId)};
}

std::optional<BoardPost> ExchangeBoard::find(const std::string& postId) { return posts_.find(postId); }

bool ExchangeBoard::isPublic(const BoardPost& post) const {
    return post.status == PostStatus::Approved && post.expiresAt > clock_.nowMs();
}

std::vector<BoardPost> ExchangeBoard::browse(std::optional<PostDirection> direction,
                                             std::optional<std::string> category, std::optional<PostKind> kind,
                                             int limit) {
    storage::PostFilter filter;
    filter.nowMs = clock_.nowMs();
    filter.direction = direction;
    filter.category = std::move(category);
    filter.kind = kind;
    filter.limit = limit;
    return posts_.list(filter);
}

std::vector<BoardPost> ExchangeBoard::allPosts(bool pendingOnly, int limit) {
    if (pendingOnly) return posts_.awaitingModeration(limit);
    storage::PostFilter filter;
    filter.publicOnly = false;
    filter.limit = limit;
    return posts_.list(filter);
}

std::vector<BoardPost> ExchangeBoard::search(std::string_view typed, int limit) {
    const std::string query = searchQuery(typed);
    if (query.empty()) return {};
    storage::PostFilter filter;
    filter.nowMs = clock_.nowMs();
    filter.limit = limit;
    return posts_.search(query, filter);
}

std::vector<std::string> ExchangeBoard::villagesNear(const std::string& village) const {
    std::vector<std::string> villages{village};
    const auto found = settings_.neighbours.find(village);
    if (found != settings_.neighbours.end())
        for (const std::string& other : found->second)
            if (std::find(villages.begin(), villages.end(), other) == villages.end()) villages.push_back(other);
    return villages;
}

std::vector<BoardPost> ExchangeBoard::matchesFor(const BoardPost& post, int limit) {
    storage::PostFilter filter;
    filter.nowMs = clock_.nowMs();
    filter.direction = post.direction == PostDirection::Request ? PostDirection::Offer : PostDirection::Request;
    filter.category = post.content.category;
    filter.villages = villagesNear(post.village);
    filter.excludeMember = post.memberId;
    filter.limit = limit;
    return posts_.list(filter);
}

std::string ExchangeBoard::contactLine(const BoardPost& post) {
    if (post.showPhone) {
        const auto member = members_.findActive(post.memberId);
        if (member && member->phone && member->consent.showPhone)
            return i18n::trf("board.post.contact_phone", {{"phone", *member->phone}});
    }
    return i18n::tr("board.post.contact_counter");
}

std::string ExchangeBoard::posterName(const BoardPost& post) {
    const auto member = members_.findActive(post.memberId);
    if (member && member->consent.showName) return member->displayName;
    return i18n::tr("board.post.a_member");
}

hardware::Receipt ExchangeBoard::slip(const BoardPost& post) {
    hardware::Receipt receipt;
    receipt.kind = "board_post";
    const char* directionKey = post.direction == PostDirection::Offer ? "board.offer" : "board.request";
    receipt.lines.push_back({i18n::tr(directionKey), false, true, true});
    receipt.lines.push_back({post.content.title, true, true, true});
    if (post.content.businessName)
        receipt.lines.push_back({*post.content.businessName + " — SIRET " + *post.content.siret});
    receipt.lines.push_back({post.content.body});
    receipt.lines.push_back({i18n::trf("board.slip.by", {{"name", posterName(post)}, {"village", post.village}})});
    receipt.lines.push_back({i18n::trf("board.slip.until", {{"date", i18n::longDate(post.expiresAt)}})});
    receipt.add(hardware::Separator{});
    receipt.add(hardware::ReceiptLine{contactLine(post), false, true});
    if (!settings_.webAddress.empty()) {
        std::string address = settings_.webAddress;
        if (!address.ends_with('/')) address += '/';
        receipt.add(hardware::ReceiptLine{i18n::tr("board.slip.online"), false, false, true});
        receipt.add(hardware::QrCode{address + "board/" + post.id});
    }
    return receipt;
}

}  // namespace vk::services::board
