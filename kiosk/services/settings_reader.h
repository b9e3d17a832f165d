#pragma once
// Reads one [section] of kiosk.toml for the area that owns it: every wrong type or range is reported with its
// line and key ("kiosk.toml, line 4, key health.rota_refresh_minutes: must be between 5 and 1440 minutes"), and
// keys the section does not know are reported as probable typos. The TOML library stays behind this class.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vk::services {

struct ConfigProblem {
    int line = 0;  // 0 when the problem has no place in the file
    std::string key;
    std::string message;
    bool fatal = true;
};

class SettingsReader {
public:
    struct Table;  // the TOML table, opaque here
    SettingsReader(const Table& table, std::string section, std::vector<ConfigProblem>& problems);
    ~SettingsReader();
    SettingsReader(const SettingsReader&) = delete;
    SettingsReader& operator=(const SettingsReader&) = delete;

    // Each leaves `out` unchanged when the key is absent or its value is refused.
    void text(const char* key, std::string& out, std::size_t maxLength = 200);
    void path(const char* key, std::filesystem::path& out);
    void boolean(const char* key, bool& out);
    void integer(const char* key, int& out, int min, int max, const char* unit);
    void decimal(const char* key, double& out, double min, double max);
    void choice(const char* key, std::string& out, const std::vector<std::string>& allowed);
    // A list of texts (`headers = ["Authorization: Bearer …"]`); every item must be text of at most maxLength.
    void textList(const char* key, std::vector<std::string>& out, std::size_t maxItems = 20,
                  std::size_t maxLength = 1000);
    // The table [section.key] ([notifications.email]), read with the same rules and reported as "section.key.x";
    // nothing when absent. Its caller calls reportUnknownKeys() on it too.
    std::unique_ptr<SettingsReader> subsection(const char* key);
    // A table of lists of texts (neighbours = { "Village A" = ["Village B"] }).
    void textListTable(const char* key, std::map<std::string, std::vector<std::string>>& out,
                       std::size_t maxLength = 200);

    bool has(const char* key);
    // The keys the section holds, in the file's order: for a table whose keys are the user's ([impact.distances_km]).
    std::vector<std::string> keys() const;
    // A problem about a key that was read, at that key's line ("must be an http:// or https:// address").
    void problem(const char* key, const std::string& message, bool fatal = true);
    // Unknown keys are most often typos: said, but they do not stop the kiosk. Called once, after the reads.
    void reportUnknownKeys();

    const std::string& section() const { return section_; }

private:
    std::unique_ptr<const Table> table_;  // a copy: the caller's may be a temporary
    std::string section_;
    std::vector<ConfigProblem>& problems_;
    std::vector<std::string> known_;
};

}  // namespace vk::services
