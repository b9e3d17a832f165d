#include "kiosk/cli/journal_priorities.h"

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <streambuf>
#include <string>

namespace vk::cli {
namespace {

bool contains(std::string_view line, std::string_view word) {
    return line.find(word) != std::string_view::npos;
}

// Holds each line until its end, then writes it whole to the real stream with its prefix.
class PrefixingBuffer final : public std::streambuf {
public:
    PrefixingBuffer(std::streambuf* target, bool standardError) : target_(target), standardError_(standardError) {}

protected:
    int_type overflow(int_type character) override {
        if (traits_type::eq_int_type(character, traits_type::eof())) return traits_type::not_eof(character);
        std::lock_guard lock(mutex_);
        append(traits_type::to_char_type(character));
        return character;
    }
    std::streamsize xsputn(const char* text, std::streamsize count) override {
        std::lock_guard lock(mutex_);
        for (std::streamsize i = 0; i < count; ++i) append(text[i]);
        return count;
    }
    int sync() override {
        std::lock_guard lock(mutex_);
        return target_->pubsync();
    }

private:
    void append(char character) {
        line_ += character;
        if (character != '\n') return;
        const std::string prefix = "<" + std::to_string(journalPriority(line_, standardError_)) + ">";
        target_->sputn(prefix.data(), static_cast<std::streamsize>(prefix.size()));
        target_->sputn(line_.data(), static_cast<std::streamsize>(line_.size()));
        target_->pubsync();
        line_.clear();
    }

    std::streambuf* target_;
    bool standardError_;
    std::mutex mutex_;
    std::string line_;
};

}  // namespace

int journalPriority(std::string_view line, bool standardError) {
    if (!standardError) return 6;
    if (contains(line, "error") || contains(line, "failed") || contains(line, "cannot")) return 3;
    if (contains(line, "warning")) return 4;
    return 5;
}

void prefixJournalPrioritiesIfLogging() {
    const char* journal = std::getenv("JOURNAL_STREAM");
    if (!journal || !*journal) return;
    // Never freed: the standard streams are flushed after every static object is gone, and must still find them.
    std::cout.rdbuf(new PrefixingBuffer(std::cout.rdbuf(), false));
    std::cerr.rdbuf(new PrefixingBuffer(std::cerr.rdbuf(), true));
}

}  // namespace vk::cli
