package dev.cast2md.pods.entity;

/** A GPU type a provider can place, with its hourly price where known. */
public record GpuOffer(String id, String displayName, int memoryGb, Double priceHr) {}
