package dev.cast2md.pods.entity;

import java.util.Map;

/** What a provider needs to start one pod: its name, the GPU to try, and the pod's environment. */
public record PodLaunch(String name, String gpuId, Map<String, String> env) {}
