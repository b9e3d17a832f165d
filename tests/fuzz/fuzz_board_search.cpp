// Any bytes as what a visitor types into the board's search box or a member's name: the FTS5 query built from it
// never carries a quote that would end its phrase early, and nothing crashes.
#include "kiosk/services/board/board_text.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vk::services::board;
    const std::string_view typed(reinterpret_cast<const char*>(data), size);
    const std::string query = searchQuery(typed);
    // Every term is a quoted phrase: the quotes pair up, or the query is not FTS5 syntax any more.
    std::size_t quotes = 0;
    for (const char c : query) quotes += c == '"';
    if (quotes % 2 != 0) std::abort();
    (void)memberNameKey(typed);
    (void)foldLigatures(typed);
    return 0;
}
