"""Realistic Finnish demo data: the partner network of Salo, Sastamala, Punkalaidun, Tampere and Savonlinna."""
