#include "kiosk/ui/audio_output.h"

#include <SDL.h>

#include <iostream>

namespace vk::ui {
namespace {

class SdlAudio final : public AudioOutput {
public:
    explicit SdlAudio(int sampleRate) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            std::cerr << "village-kiosk: no sound (" << SDL_GetError() << ")\n";
            return;
        }
        subsystem_ = true;
        SDL_AudioSpec wanted{};
        wanted.freq = sampleRate;
        wanted.format = AUDIO_S16SYS;
        wanted.channels = 1;
        wanted.samples = 1024;
        wanted.callback = nullptr;  // queued: SDL_QueueAudio, cleared at once by stop()
        SDL_AudioSpec got{};
        device_ = SDL_OpenAudioDevice(nullptr, 0, &wanted, &got, 0);
        if (device_ == 0) std::cerr << "village-kiosk: no sound (" << SDL_GetError() << ")\n";
    }
    ~SdlAudio() override {
        if (device_ != 0) SDL_CloseAudioDevice(device_);
        if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    SdlAudio(const SdlAudio&) = delete;
    SdlAudio& operator=(const SdlAudio&) = delete;

    bool available() const override { return device_ != 0; }
    void play(const services::MonoPcm& pcm) override {
        if (device_ == 0) return;
        stop();
        if (pcm.samples.empty()) return;
        SDL_QueueAudio(device_, pcm.samples.data(), static_cast<Uint32>(pcm.samples.size() * sizeof(pcm.samples[0])));
        SDL_PauseAudioDevice(device_, 0);
    }
    void stop() override {
        if (device_ == 0) return;
        SDL_PauseAudioDevice(device_, 1);
        SDL_ClearQueuedAudio(device_);
    }
    bool playing() const override { return device_ != 0 && SDL_GetQueuedAudioSize(device_) > 0; }

private:
    bool subsystem_ = false;
    SDL_AudioDeviceID device_ = 0;
};

}  // namespace

std::unique_ptr<AudioOutput> openDefaultAudio(int sampleRate) { return std::make_unique<SdlAudio>(sampleRate); }

void MemoryAudio::play(const services::MonoPcm& pcm) {
    if (!available_) return;
    last_ = pcm;
    playing_ = !pcm.samples.empty();
    ++plays_;
}

void MemoryAudio::stop() {
    if (playing_) ++stops_;
    playing_ = false;
}

bool MemoryAudio::playing() const { return playing_; }

}  // namespace vk::ui
