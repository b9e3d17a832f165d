#include "kiosk/services/postal/registered_number.h"

#include <array>

namespace vk::services::postal {
namespace {

constexpr std::size_t kMaxTyped = 64;  // more than this is not a number someone typed or scanned

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isCapital(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

std::optional<int> s10CheckDigit(std::string_view eightDigits) {
    static constexpr std::array<int, 8> kWeights{8, 6, 4, 2, 3, 5, 9, 7};
    if (eightDigits.size() != 8) return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        if (!isDigit(eightDigits[i])) return std::nullopt;
        sum += (eightDigits[i] - '0') * kWeights[i];
    }
    const int check = 11 - sum % 11;
    if (check == 10) return 0;
    if (check == 11) return 5;
    return check;
}

RegisteredNumberCheck checkRegisteredNumber(std::string_view typed) {
    RegisteredNumberCheck result;
    if (typed.size() > kMaxTyped) {
        result.problem = RegisteredNumberProblem::Shape;
        return result;
    }
    std::string number;
    for (const char c : typed) {
        if (c == ' ' || c == '-' || c == '.' || c == '\t') continue;
        number += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (number.empty()) {
        result.problem = RegisteredNumberProblem::Empty;
        return result;
    }
    if (number.size() != 13) {
        result.problem = RegisteredNumberProblem::Shape;
        return result;
    }
    const std::string_view n = number;
    const bool domestic = isDigit(n[0]) && isCapital(n[1]) &&
                          n.substr(2).find_first_not_of("0123456789") == std::string_view::npos;
    const bool s10 = isCapital(n[0]) && isCapital(n[1]) &&
                     n.substr(2, 9).find_first_not_of("0123456789") == std::string_view::npos && isCapital(n[11]) &&
                     isCapital(n[12]);
    if (!domestic && !s10) {
        result.problem = RegisteredNumberProblem::Shape;
        return result;
    }
    if (s10 && *s10CheckDigit(n.substr(2, 8)) != n[10] - '0') {
        result.problem = RegisteredNumberProblem::CheckDigit;
        return result;
    }
    result.normalized = number;
    return result;
}

}  // namespace vk::services::postal
