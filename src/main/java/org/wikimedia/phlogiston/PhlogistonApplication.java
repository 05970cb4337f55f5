package org.wikimedia.phlogiston;
public class PhlogistonApplication { public static void main(String[] a){} }
