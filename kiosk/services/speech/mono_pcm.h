#pragma once
// Sound as the kiosk plays it: one channel of 16-bit samples. The voice (espeak-ng) and the help chime are made
// here without SDL; the interface only hands the samples to the audio device (kiosk/ui/audio_output.h).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vk::services {

struct MonoPcm {
    std::vector<std::int16_t> samples;
    int sampleRate = 22050;  // espeak-ng's own rate; the chime is made at the same
    double seconds() const { return sampleRate > 0 ? static_cast<double>(samples.size()) / sampleRate : 0.0; }
};

// The samples scaled to `percent` of their level (0 is silence), clipped rather than wrapped.
void scaleVolume(MonoPcm& pcm, int percent);

// A short, soft two-note chime (a falling major third, each note fading out), at `volumePercent` of full scale:
// heard across the assistant's office without startling the waiting room.
MonoPcm helpChime(int sampleRate, int volumePercent);
// The call chime of the waiting room: three rising notes, unlike the help chime's two falling ones, so that the
// assistant never mistakes a call on the TV for a resident asking for her.
MonoPcm callChime(int sampleRate, int volumePercent);

// The RIFF/WAVE file of the samples (PCM, 16 bits, mono).
std::string wavBytes(const MonoPcm& pcm);
// Writes it; false with `error` set when the file cannot be written.
bool writeWavFile(const std::filesystem::path& file, const MonoPcm& pcm, std::string& error);

}  // namespace vk::services
