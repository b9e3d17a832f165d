#include "kiosk/services/notifications/message_recipients.h"

#include <algorithm>

namespace vk::services::notifications {
namespace {

constexpr std::size_t kMaxEmailBytes = 254;  // RFC 5321's longest path
constexpr std::size_t kMaxTypedPhone = 40;   // the schema's limit for a phone as typed

std::string_view withoutOuterSpaces(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

bool isSeparator(char c) { return c == ' ' || c == '.' || c == '-' || c == '/'; }

}  // namespace

std::optional<std::string> smsNumber(std::string_view typed) {
    typed = withoutOuterSpaces(typed);
    if (typed.empty() || typed.size() > kMaxTypedPhone) return std::nullopt;
    std::string number;
    if (typed.front() == '+') {
        number = "+";
        typed.remove_prefix(1);
    }
    for (std::size_t i = 0; i < typed.size(); ++i) {
        const char c = typed[i];
        if (c >= '0' && c <= '9') {
            number += c;
        } else if (c == '(' && number.size() > 1 && number.front() == '+' && typed.substr(i, 3) == "(0)") {
            i += 2;  // +33 (0)6…: the trunk zero is not dialled after the country code
        } else if (!isSeparator(c)) {
            return std::nullopt;
        }
    }
    const auto digits = static_cast<std::size_t>(std::count_if(number.begin(), number.end(), [](char c) {
        return c >= '0' && c <= '9';
    }));
    if (digits < 6 || digits > 15) return std::nullopt;
    return number;
}

std::optional<std::string> emailAddress(std::string_view typed) {
    const std::string_view address = withoutOuterSpaces(typed);
    if (address.empty() || address.size() > kMaxEmailBytes) return std::nullopt;
    const bool printable = std::all_of(address.begin(), address.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte > 0x20 && byte < 0x7f && std::string_view("<>()[],;:\"\\").find(c) == std::string_view::npos;
    });
    if (!printable) return std::nullopt;
    const auto at = address.find('@');
    if (at == 0 || at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos)
        return std::nullopt;
    const std::string_view domain = address.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string_view::npos)
        return std::nullopt;
    return std::string(address);
}

}  // namespace vk::services::notifications
