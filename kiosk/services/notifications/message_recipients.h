#pragma once
// Whether a phone number or an e-mail address, as someone typed it or a booking tool exported it, can receive a
// message from the outbox (which expects its recipients checked). The parcels, the agenda and the board still keep
// checks of their own; a new area should use these.

#include <optional>
#include <string>
#include <string_view>

namespace vk::services::notifications {

// The number an SMS goes to: "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78"
// → "0612345678", "+33612345678" (digits, with the leading + when there is one; a French "(0)" after the
// country code dropped). Nothing for letters, a control character, or fewer than 6 or more than 15 digits.
std::optional<std::string> smsNumber(std::string_view typed);

// One address, trimmed: printable ASCII without spaces, quotes, brackets or list separators, one @ with a name
// before it and a domain with a dot after it, at most 254 bytes. A line break is refused, never cleaned away: it is
// how a mail header would be slipped in.
std::optional<std::string> emailAddress(std::string_view typed);

}  // namespace vk::services::notifications
