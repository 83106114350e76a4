package dev.cast2md.pods.entity;

/** A pod template of ours on RunPod. */
public record RunPodTemplate(String id, String name, String image) {}
